package org.arturo.tf.arturo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.arturo.tf.DiagnosticValues;
import org.arturo.tf.GraphHarness;
import org.junit.jupiter.api.Test;

/** The ablations of the paper's Fig. 3 against hand-computed updates (docs/algorithm.md, eq. 13). */
class AblationTest {
    private static final List<long[]> SHAPE = List.of(new long[] {3});
    private static final double[] THETA = {0.5, -1.0, 2.0};
    private static final double[] G1 = {0.3, -0.2, 1.5};
    private static final double[] G2 = {-0.1, 0.4, 1.0};

    @Test
    void fixedEtaWithAdamMomentsFollowsTheClosedForm() {
        double eta = 2.0;
        ArturoConfig c = ArturoConfig.builder().solver(Solver.FIXED).fixedEta(eta)
                .surrogate(Surrogate.ADAM_MOMENTS).weightDecay(0).build();
        Surrogate.AdamMoments moments = (Surrogate.AdamMoments) c.surrogate();
        double b1 = moments.beta1();
        double b2 = moments.beta2();
        double rl = c.rho() * c.lambda();

        double[] theta = THETA.clone();
        double[] precision = {1 / c.varInit(), 1 / c.varInit(), 1 / c.varInit()};
        double[] m = new double[3];
        double[] v = new double[3];
        try (GraphHarness h = new GraphHarness(SHAPE, List.of(THETA))) {
            h.build(new ArturoOptimizer(c));
            double[][] grads = {G1, G2};
            for (int t = 1; t <= 2; t++) {
                double[] g = grads[t - 1];
                h.step(List.of(g));
                for (int j = 0; j < 3; j++) {
                    m[j] = b1 * m[j] + (1 - b1) * g[j];
                    v[j] = b2 * v[j] + (1 - b2) * g[j] * g[j];
                    double mHat = m[j] / (1 - Math.pow(b1, t));
                    double vHat = v[j] / (1 - Math.pow(b2, t));
                    double quad = Math.sqrt(vHat) + 1e-8;
                    double lin = mHat - quad * theta[j];
                    double hh = quad + rl;
                    double u = hh * theta[j] + lin;   // = m̂ + ρλθ
                    theta[j] -= u / (hh + precision[j] * eta);
                    precision[j] = (hh + c.nu() * precision[j]) / (c.rho() + c.nu());
                }
                float[] got = h.parameters().get(0);
                for (int j = 0; j < 3; j++) {
                    assertEquals(theta[j], got[j], 1e-6 * (1 + Math.abs(theta[j])), "step " + t + " element " + j);
                }
                assertEquals(eta, h.diagnostics().get(ArturoDiagnostics.ETA), 1e-6);
            }
        }
    }

    @Test
    void fixedEtaIsRaisedAboveEtaMinUnderNegativeCurvature() {
        // a0 far below zero makes quad + ρλ < 0 on the first step, so η must exceed −h/prec.
        ArturoConfig c = ArturoConfig.builder().solver(Solver.FIXED).fixedEta(1e-3).a0(0).build();
        try (GraphHarness h = new GraphHarness(SHAPE, List.of(THETA))) {
            h.build(new ArturoOptimizer(c));
            // A gradient that falls as θ grows: the filter learns negative curvature within a few steps.
            for (int t = 0; t < 40; t++) {
                float[] p = h.parameters().get(0);
                double[] g = new double[3];
                for (int j = 0; j < 3; j++) {
                    g[j] = -5.0 * p[j];
                }
                h.step(List.of(g));
            }
            float[] quad = h.read(List.of(h.stateVariable("param0/" + KalmanFit.QUAD))).get(0);
            double rl = c.rho() * c.lambda();
            double minH = Math.min(Math.min(quad[0], quad[1]), quad[2]) + rl;
            DiagnosticValues d = h.diagnostics();
            assertEquals(0, d.skippedSteps());
            if (minH >= 0) {
                throw new AssertionError("the test needs negative curvature, got min h = " + minH);
            }
            double eta = d.get(ArturoDiagnostics.ETA);
            assertEquals(true, eta > 1e-3, "η raised above the fixed value: " + eta);
        }
    }
}
