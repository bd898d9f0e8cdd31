package org.arturo.tf.baselines;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.arturo.tf.GraphHarness;
import org.arturo.tf.GraphOptimizer;
import org.arturo.tf.OptimizerUpdate;
import org.arturo.tf.StepInputs;
import org.arturo.tf.state.PlainStateFactory;
import org.tensorflow.Graph;
import org.tensorflow.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;

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
            assertClose(expected, h.parameterValues(), tolerance, "after step " + (s + 1));
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

    /**
     * The state {@code optimizer} asks its host for (names a KotlinDL adapter turns into slots and
     * optimizer variables, and checkpoints keep) on a vector {@code w} of 2 and a scalar {@code b},
     * then the diagnostics it reports.
     */
    static List<String> stateRequests(GraphOptimizer optimizer) {
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            Variable<Float> w = tf.withName("w").variable(Shape.make(2), Float.class);
            Variable<Float> b = tf.withName("b").variable(Shape.scalar(), Float.class);
            Placeholder<Float> gw = tf.placeholder(Float.class, Placeholder.shape(Shape.make(2)));
            Placeholder<Float> gb = tf.placeholder(Float.class, Placeholder.shape(Shape.scalar()));
            GraphHarness.RecordingStateFactory factory =
                    new GraphHarness.RecordingStateFactory(new PlainStateFactory("rec"));
            OptimizerUpdate update =
                    optimizer.apply(StepInputs.ofGradients(tf, List.of(w, b), List.of(gw, gb)), factory);
            List<String> out = new ArrayList<>(factory.requests());
            out.add("diagnostics " + update.diagnostics().operands().keySet());
            return out;
        }
    }
}
