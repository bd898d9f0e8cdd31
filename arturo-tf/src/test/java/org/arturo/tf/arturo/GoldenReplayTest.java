package org.arturo.tf.arturo;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.arturo.tf.DiagnosticValues;
import org.arturo.tf.GoldenSets;
import org.arturo.tf.GraphHarness;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays every golden trajectory (test resources, plus every *.json in $ARTURO_GOLDEN_DIR; both found
 * by {@link GoldenSets}): teacher-forced gradients, parameters within 1e-3 relative (|Δ|/(|x|+1e-3))
 * and η within 1e-3·max(1, η) at every step; ε_t as scheduled; for bisection sets, the reference's
 * pass count.
 */
class GoldenReplayTest {
    private static final double PARAM_TOLERANCE = 1e-3;
    private static final double ETA_TOLERANCE = 1e-3;

    @TestFactory
    Stream<DynamicTest> replaysEveryGoldenTrajectory() {
        List<Path> files = GoldenSets.files("/golden", 5, "ARTURO_GOLDEN_DIR");
        return files.stream().map(f -> DynamicTest.dynamicTest(f.toString(), () -> replay(f)));
    }

    private static void replay(Path file) throws IOException {
        GoldenTrajectory g;
        try (InputStream in = Files.newInputStream(file)) {
            g = GoldenTrajectory.read(in);
        }
        try (GraphHarness h = new GraphHarness(g.shapes, g.initial)) {
            h.build(new ArturoOptimizer(g.toArturoConfig()));
            for (int t = 0; t < g.steps.size(); t++) {
                GoldenTrajectory.Step expected = g.steps.get(t);
                h.step(expected.grads);
                List<float[]> actual = h.parameters();
                for (int i = 0; i < actual.size(); i++) {
                    double[] want = expected.params.get(i);
                    float[] got = actual.get(i);
                    for (int j = 0; j < want.length; j++) {
                        double error = Math.abs(got[j] - want[j]) / (Math.abs(want[j]) + 1e-3);
                        if (!(error <= PARAM_TOLERANCE)) {
                            fail(String.format("%s step %d tensor %d element %d: got %s, want %s (relative %.2e)",
                                    g.name, t, i, j, got[j], want[j], error));
                        }
                    }
                }
                DiagnosticValues d = h.diagnostics();
                double eta = d.get(ArturoDiagnostics.ETA);
                double etaError = Math.abs(eta - expected.eta);
                if (!(etaError <= ETA_TOLERANCE * Math.max(1, expected.eta))) {
                    fail(String.format("%s step %d: eta %s, want %s", g.name, t, eta, expected.eta));
                }
                long passes = d.count(ArturoDiagnostics.SOLVER_ITERATIONS);
                if ("bisection".equals(g.config.solver) && passes != expected.iterations) {
                    fail(String.format("%s step %d: bisection took %d passes, the reference %d",
                            g.name, t, passes, expected.iterations));
                }
                double epsilon = d.get(ArturoDiagnostics.EPSILON);
                if (!(Math.abs(epsilon - expected.epsilon) <= 1e-6 * expected.epsilon)) {
                    fail(String.format("%s step %d: epsilon_t %s, want %s", g.name, t, epsilon, expected.epsilon));
                }
            }
        }
    }
}
