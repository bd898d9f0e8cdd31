package org.arturo.tf.arturo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.arturo.tf.DiagnosticValues;
import org.arturo.tf.GoldenSets;
import org.arturo.tf.GraphHarness;
import org.arturo.tf.kernel.Kernel;
import org.arturo.tf.kernel.NativeKernel;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays every golden trajectory (test resources, plus every *.json in $ARTURO_GOLDEN_DIR; both found
 * by {@link GoldenSets}): teacher-forced gradients, parameters within 1e-3 relative (|Δ|/(|x|+1e-3))
 * and η within 1e-3·max(1, η) at every step; ε_t as scheduled; for bisection sets, the reference's
 * pass count. The sets of the exact solver replay on both kernels.
 */
class GoldenReplayTest {
    private static final double PARAM_TOLERANCE = 1e-3;
    private static final double ETA_TOLERANCE = 1e-3;

    @TestFactory
    Stream<DynamicTest> replaysEveryGoldenTrajectory() {
        List<Path> files = GoldenSets.files("/golden", 5, "ARTURO_GOLDEN_DIR");
        return files.stream().flatMap(f -> kernels(read(f)).stream().map(k ->
                DynamicTest.dynamicTest(f + " (" + k + " kernel)", () -> replay(read(f), k))));
    }

    /** The graph kernel for every set; the native one too for the sets it runs, where the build shipped it. */
    private static List<Kernel> kernels(GoldenTrajectory g) {
        boolean nativeRuns = NativeKernel.shipped() && NativeExactStep.supports(g.toArturoConfig());
        return nativeRuns ? List.of(Kernel.GRAPH, Kernel.NATIVE) : List.of(Kernel.GRAPH);
    }

    private static GoldenTrajectory read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return GoldenTrajectory.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    private static void replay(GoldenTrajectory g, Kernel kernel) {
        try (GraphHarness h = new GraphHarness(g.shapes, g.initial)) {
            h.build(new ArturoOptimizer(g.toArturoConfig().toBuilder().kernel(kernel).build()));
            assertEquals(kernel == Kernel.NATIVE ? 1 : 0, h.diagnostics().count(ArturoDiagnostics.NATIVE_KERNEL), "kernel in use");
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
