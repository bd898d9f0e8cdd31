package org.arturo.tf.arturo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.arturo.tf.DiagnosticValues;
import org.arturo.tf.GradientStreams;
import org.arturo.tf.GraphHarness;
import org.junit.jupiter.api.Test;
import org.tensorflow.op.core.Variable;

/**
 * Properties of the exact dual solve on a 200-step noisy run over a separable function whose
 * curvature is negative in some coordinates: the KL bound holds with equality (to 1e-3) on every
 * constrained step, η stays finite and ≥ η_min (eq. 10), and a typical step takes ≤ 3 passes.
 */
class ExactSolverTest {
    private static final List<long[]> SHAPES = List.of(new long[] {6, 5}, new long[] {5});
    private static final int STEPS = 200;

    @Test
    void meetsTheBoundExactlyAndRespectsNegativeCurvature() {
        ArturoConfig config = ArturoConfig.builder().epsilon(0.02).build();
        double rhoLambda = config.rho() * config.lambda();
        Random random = new Random(7);
        List<double[]> curvature = new ArrayList<>();
        List<double[]> offset = new ArrayList<>();
        for (long[] shape : SHAPES) {
            int n = GradientStreams.size(shape);
            double[] a = new double[n];
            double[] b = new double[n];
            for (int j = 0; j < n; j++) {
                a[j] = j % 3 == 0 ? -0.5 : 0.2 + 2 * random.nextDouble();  // every third coordinate concave
                b[j] = random.nextGaussian();
            }
            curvature.add(a);
            offset.add(b);
        }

        int constrained = 0;
        int withNegativeCurvature = 0;
        int[] passes = new int[STEPS];
        try (GraphHarness h = new GraphHarness(SHAPES, GradientStreams.randomValues(SHAPES, 0.3, 3))) {
            h.build(new ArturoOptimizer(config));
            List<Variable<Float>> precisions = h.slots(ArturoState.PRECISION);
            List<Variable<Float>> quads = h.slots(KalmanFit.QUAD);
            for (int t = 0; t < STEPS; t++) {
                List<float[]> theta = h.parameters();
                List<double[]> grads = new ArrayList<>();
                for (int i = 0; i < SHAPES.size(); i++) {
                    double[] g = new double[theta.get(i).length];
                    for (int j = 0; j < g.length; j++) {
                        g[j] = curvature.get(i)[j] * theta.get(i)[j] + offset.get(i)[j] + 0.1 * random.nextGaussian();
                    }
                    grads.add(g);
                }
                List<float[]> precisionBefore = h.read(precisions);
                h.step(grads);
                DiagnosticValues d = h.diagnostics();
                assertTrue(d.skippedSteps() == 0, "no step may be skipped here");
                passes[t] = (int) d.count(ArturoDiagnostics.SOLVER_ITERATIONS);
                double eta = d.get(ArturoDiagnostics.ETA);
                double klRatio = d.get(ArturoDiagnostics.KL_RATIO);

                // η_min from the filter's new curvature (stored in quad) and the precision before the step.
                List<float[]> quad = h.read(quads);
                double etaMin = 0;
                for (int i = 0; i < quad.size(); i++) {
                    for (int j = 0; j < quad.get(i).length; j++) {
                        etaMin = Math.max(etaMin, -(quad.get(i)[j] + rhoLambda) / precisionBefore.get(i)[j]);
                    }
                }
                if (etaMin > 0) {
                    withNegativeCurvature++;
                    assertTrue(Double.isFinite(eta) && eta > etaMin,
                            "step " + t + ": eta " + eta + " must exceed eta_min " + etaMin);
                }
                if (eta > 0) {
                    constrained++;
                    assertTrue(klRatio >= 0.999 && klRatio <= 1.001,
                            "step " + t + ": C(eta)/eps = " + klRatio);
                } else {
                    assertTrue(klRatio <= 1.0, "step " + t + ": unconstrained step must lie inside the region");
                }
                for (float[] p : h.parameters()) {
                    for (float v : p) {
                        assertTrue(Float.isFinite(v), "step " + t + ": parameters finite");
                    }
                }
            }
        }
        assertTrue(withNegativeCurvature > 100, "negative curvature must be present in most steps: " + withNegativeCurvature);
        assertTrue(constrained > 100, "most steps must be constrained: " + constrained);
        int[] sorted = passes.clone();
        Arrays.sort(sorted);
        assertTrue(sorted[STEPS / 2] <= 3, "median solver passes " + sorted[STEPS / 2] + " > 3: " + Arrays.toString(passes));
    }
}
