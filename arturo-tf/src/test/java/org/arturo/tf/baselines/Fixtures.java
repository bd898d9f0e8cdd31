package org.arturo.tf.baselines;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A two-parameter problem (a vector and a 2×2 matrix) with a fixed gradient stream. */
final class Fixtures {
    private Fixtures() {
    }

    static final long[][] SHAPES = {{3}, {2, 2}};
    static final double[][] INITIAL = {{0.5, -0.25, 0.125}, {0.3, -0.7, 1.1, 0.05}};

    /** Five steps of gradients with changing signs and magnitudes, so momentum and moments matter. */
    static final double[][][] GRADIENTS = {
            {{0.2, -0.1, 0.4}, {1.0, -0.5, 0.25, 0.0}},
            {{-0.3, 0.05, 0.1}, {0.8, 0.6, -0.2, 0.1}},
            {{0.1, -0.2, -0.6}, {-0.4, 0.3, 0.9, -0.05}},
            {{0.25, 0.3, 0.2}, {0.1, -1.2, 0.4, 0.2}},
            {{-0.05, 0.15, -0.35}, {0.6, 0.2, -0.7, 0.3}},
    };

    static GraphHarness harness() {
        return new GraphHarness(SHAPES, INITIAL);
    }

    /**
     * Runs every gradient step on both the graph and the textbook reference and compares all
     * parameters after each step.
     */
    static void assertMatchesReference(GraphHarness h, TextbookOptimizers.Reference reference, double tolerance) {
        double[][] expected = GraphHarness.asFed(INITIAL);
        for (int s = 0; s < GRADIENTS.length; s++) {
            h.step(GRADIENTS[s]);
            reference.step(expected, GraphHarness.asFed(GRADIENTS[s]));
            assertClose(expected, h.parameters(), tolerance, "after step " + (s + 1));
        }
    }

    static void assertClose(double[][] expected, double[][] actual, double tolerance, String context) {
        assertEquals(expected.length, actual.length, context);
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                assertEquals(expected[i][j], actual[i][j], tolerance,
                        context + ": parameter " + i + "[" + j + "]");
            }
        }
    }
}
