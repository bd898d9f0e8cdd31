package org.arturo.tf.noise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import org.arturo.tf.Diagnostic;
import org.arturo.tf.DiagnosticValues;
import org.arturo.tf.GradientStreams;
import org.arturo.tf.GraphHarness;
import org.arturo.tf.baselines.SgdConfig;
import org.arturo.tf.baselines.SgdOptimizer;
import org.arturo.tf.noise.NoiseAwareConfig.Method;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The noise-aware optimizers' own promises, beside the golden replay and the shared contract: the
 * first SVAG/M-SVAG step is SGD's bit for bit, a two-step M-SVAG example by hand, the variance
 * statistic accurate in float32 where the textbook form cancels, the mean-factor diagnostic, and the
 * overflow bound of the variance methods.
 */
class NoiseAwareOptimizerTest {
    private static final List<long[]> SHAPES = List.of(new long[] {5, 4}, new long[] {4});
    private static final List<double[]> INITIAL = GradientStreams.randomValues(SHAPES, 0.5, 11);

    private static NoiseAwareOptimizer optimizer(Method method, double learningRate, double weightDecay) {
        NoiseAwareConfig.Builder b = NoiseAwareConfig.builder(method).learningRate(learningRate).weightDecay(weightDecay);
        return new NoiseAwareOptimizer(b.build());
    }

    /** [T §5.4.4, §5.5 fn. 5]: ŝ_0 = 0 makes γ = 1 and m_0 = g, so the first step is θ − α·g, as SGD's kernel computes it. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Method.class, names = {"SVAG", "M_SVAG", "M_SGD"})
    void theFirstStepIsAnSgdStepBitForBit(Method method) {
        for (double weightDecay : new double[] {0, 0.01}) {
            List<double[]> g = GradientStreams.poisoned(GradientStreams.gaussian(SHAPES, 1, 0.3, 12).get(0), 1, 2, 0);
            List<float[]> sgd;
            try (GraphHarness h = new GraphHarness(SHAPES, INITIAL)) {
                h.build(new SgdOptimizer(SgdConfig.builder().learningRate(0.37).momentum(0).weightDecay(weightDecay).build()));
                h.step(g);
                sgd = h.parameters();
            }
            try (GraphHarness h = new GraphHarness(SHAPES, INITIAL)) {
                h.build(optimizer(method, 0.37, weightDecay));
                h.step(g);
                List<float[]> ours = h.parameters();
                for (int i = 0; i < sgd.size(); i++) {
                    for (int j = 0; j < sgd.get(i).length; j++) {
                        if (Float.floatToRawIntBits(sgd.get(i)[j]) != Float.floatToRawIntBits(ours.get(i)[j])) {
                            fail(method + ", weight decay " + weightDecay + ": tensor " + i + " element " + j + " is "
                                    + ours.get(i)[j] + ", SGD's " + sgd.get(i)[j]);
                        }
                    }
                }
                List<float[]> m = h.read(h.slots(NoiseAwareOptimizer.MEAN_SLOT));
                List<double[]> fed = g.stream().map(x -> GraphHarness.asFed(x)[0]).toList();
                if (weightDecay == 0) {
                    for (int i = 0; i < m.size(); i++) {
                        for (int j = 0; j < m.get(i).length; j++) {
                            assertEquals((float) fed.get(i)[j], m.get(i)[j], 0f, method + ": m_0 = g exactly");
                        }
                    }
                }
            }
        }
    }

    /**
     * θ0 = (1, −2, 0.5, 0.25), g0 = (0.5, −1, 0, 0.2), g1 = (0.3, 0.2, 0, −0.2), β = 0.9, α = 0.1.
     * Step 0: γ = 1 (0 for the zero gradient), θ1 = θ0 − 0.1·g0 = (0.95, −1.9, 0.5, 0.23).
     * Step 1: m = (0.9·0.1·g0 + 0.1·g1)/(1 − 0.81) = (9g0 + 10g1)/19 = (15/38, −7/19, 0, −1/95);
     * v − m² over 1 − ρ(0.9, 1) = 1 − 181/361 is, for two samples, ŝ = (g0 − g1)²/2 = (1/50, 18/25, 0, 2/25);
     * γ = m²/(m² + (181/361)·ŝ) = (5625/5987, 1225/4483, 0, 1/363);
     * θ2 = θ1 − 0.1·γ·m = (519233/568765, −804894/425885, 1/2, 158633/689700).
     */
    @Test
    void twoStepsOfMsvagByHand() {
        try (GraphHarness h = new GraphHarness(new long[][] {{4}}, new double[][] {{1, -2, 0.5, 0.25}})) {
            h.build(optimizer(Method.M_SVAG, 0.1, 0));
            h.step(new double[] {0.5, -1, 0, 0.2});
            assertArrayClose(new double[] {0.95, -1.9, 0.5, 0.23}, h.parameterValues()[0], 1e-7, "θ1");
            assertEquals(0.75, h.diagnostics().get(NoiseAwareDiagnostics.MEAN_FACTOR), 1e-7, "γ0 = (1, 1, 0, 1)");
            h.step(new double[] {0.3, 0.2, 0, -0.2});
            assertArrayClose(new double[] {519233.0 / 568765, -804894.0 / 425885, 0.5, 158633.0 / 689700},
                    h.parameterValues()[0], 1e-7, "θ2");
            assertArrayClose(new double[] {15.0 / 38, -7.0 / 19, 0, -1.0 / 95},
                    h.readDoubles(h.slots(NoiseAwareOptimizer.MEAN_SLOT))[0], 1e-7, "m1");
            double meanFactor = (5625.0 / 5987 + 1225.0 / 4483 + 0 + 1.0 / 363) / 4;
            DiagnosticValues d = h.diagnostics();
            assertEquals(meanFactor, d.get(NoiseAwareDiagnostics.MEAN_FACTOR), 1e-7);
            assertEquals(2, d.step());
        }
    }

    /**
     * docs/noise-aware.md, "Numerics": gradients with |mean|/σ = 500 over 200 steps (spec §1's case).
     * The textbook float32 v − m² is off by percents there; West's form stays within 1e-4 of a float64
     * reference on the same float32 gradients.
     */
    @Test
    void theVarianceEstimateIsAccurateInFloat32WhereTheTextbookFormCancels() {
        double beta = 0.9;
        int steps = 200;
        int n = 64;
        java.util.Random random = new java.util.Random(5);
        double[][] grads = new double[steps][n];
        for (int t = 0; t < steps; t++) {
            for (int j = 0; j < n; j++) {
                grads[t][j] = (float) (500 + random.nextGaussian());
            }
        }
        try (GraphHarness h = new GraphHarness(new long[][] {{n}}, new double[][] {new double[n]})) {
            h.build(new NoiseAwareOptimizer(NoiseAwareConfig.builder(Method.SVAG).learningRate(1e-6).beta(beta)
                    .outlierFactor(Double.POSITIVE_INFINITY).build()));
            for (double[] g : grads) {
                h.step(g);
            }
            double[] s = h.readDoubles(h.slots(NoiseAwareOptimizer.SPREAD_SLOT))[0];
            double b = (float) beta;
            double scale = (1 + b) / (2 * b * (1 - Math.pow(b, steps - 1)));   // ŝ = S·(1 + β)/(2β(1 − β^t)), t = 199
            double worstWest = 0;
            double worstTextbook = 0;
            for (int j = 0; j < n; j++) {
                double reference = textbookVariance(grads, j, b, false);
                worstWest = Math.max(worstWest, Math.abs(s[j] * scale - reference) / reference);
                worstTextbook = Math.max(worstTextbook, Math.abs(textbookVariance(grads, j, b, true) - reference) / reference);
            }
            System.out.printf("|m|/σ = 500, 200 steps: worst relative error of ŝ, West %.2e, textbook float32 %.2e%n",
                    worstWest, worstTextbook);
            assertTrue(worstWest < 1e-4, "West's form: worst relative error of ŝ " + worstWest);
            assertTrue(worstTextbook > 100 * worstWest, "the textbook float32 form: " + worstTextbook + " (West " + worstWest + ")");
        }
    }

    /** ŝ after every step of {@code grads[.][j]}, thesis eq. 5.13–5.16, in float64 or (textbook) float32. */
    private static double textbookVariance(double[][] grads, int j, double beta, boolean float32) {
        double mTilde = 0;
        double vTilde = 0;
        float mf = 0;
        float vf = 0;
        float bf = (float) beta;
        for (double[] g : grads) {
            mTilde = beta * mTilde + (1 - beta) * g[j];
            vTilde = beta * vTilde + (1 - beta) * g[j] * g[j];
            mf = bf * mf + (1 - bf) * (float) g[j];
            vf = bf * vf + (1 - bf) * (float) g[j] * (float) g[j];
        }
        int t = grads.length - 1;
        double w = 1 - Math.pow(beta, t + 1);
        double rho = (1 - beta) * (1 + Math.pow(beta, t + 1)) / ((1 + beta) * w);
        if (float32) {
            float m = mf / (float) w;
            float v = vf / (float) w;
            return Math.max(v - m * m, 0f) / (1 - rho);
        }
        double m = mTilde / w;
        return (vTilde / w - m * m) / (1 - rho);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Method.class, names = {"SSD", "M_SGD", "M_SSD"})
    void methodsWithoutAFactorReportOne(Method method) {
        try (GraphHarness h = new GraphHarness(SHAPES, INITIAL)) {
            h.build(optimizer(method, 0.01, 0));
            for (List<double[]> g : GradientStreams.gaussian(SHAPES, 3, 1, 13)) {
                h.step(g);
                assertEquals(1.0, h.diagnostics().get(NoiseAwareDiagnostics.MEAN_FACTOR), 0);
            }
            assertTrue(h.stateRequests().stream().noneMatch(r -> r.contains("mean_factor")), h.stateRequests().toString());
        }
    }

    @Test
    void adaptingMethodsReportTheirMeanFactorFromOneDown() {
        for (Method method : new Method[] {Method.SVAG, Method.M_SVAG, Method.ADAM_STAR}) {
            try (GraphHarness h = new GraphHarness(SHAPES, INITIAL)) {
                h.build(optimizer(method, 0.01, 0));
                assertEquals(1.0, h.diagnostics().get(NoiseAwareDiagnostics.MEAN_FACTOR), 0, method + " before any step");
                List<List<double[]>> stream = GradientStreams.gaussian(SHAPES, 6, 1, 14);
                h.step(stream.get(0));
                assertEquals(1.0, h.diagnostics().get(NoiseAwareDiagnostics.MEAN_FACTOR), 0, method + ": γ_0 = 1");
                for (int t = 1; t < stream.size(); t++) {
                    h.step(stream.get(t));
                    double factor = h.diagnostics().get(NoiseAwareDiagnostics.MEAN_FACTOR);
                    assertTrue(factor > 0 && factor < 1, method + " step " + t + ": pure noise gives 0 < γ < 1, got " + factor);
                }
            }
        }
    }

    /** A finite gradient whose square overflows would make S infinite for ever: the step is skipped. */
    @Test
    void varianceMethodsSkipAGradientWhoseSquareWouldOverflow() {
        for (Method method : new Method[] {Method.SVAG, Method.M_SVAG, Method.ADAM_STAR, Method.M_SGD}) {
            try (GraphHarness h = new GraphHarness(SHAPES, INITIAL)) {
                h.build(new NoiseAwareOptimizer(NoiseAwareConfig.builder(method).learningRate(1e-30)
                        .outlierFactor(Double.POSITIVE_INFINITY).build()));
                List<List<double[]>> stream = GradientStreams.gaussian(SHAPES, 2, 1, 15);
                h.step(stream.get(0));
                List<float[]> before = h.read(h.checkpointVariables());
                h.step(GradientStreams.poisoned(stream.get(1), 0, 3, 1e19));
                DiagnosticValues d = h.diagnostics();
                if (method.adaptsToVariance()) {
                    assertEquals(1, d.skippedSteps(), method.toString());
                    List<float[]> after = h.read(h.checkpointVariables());
                    for (int i = 0; i < before.size(); i++) {
                        if (!h.checkpointVariables().get(i).op().name().endsWith("_skipped_steps")) {
                            assertArrayClose(toDouble(before.get(i)), toDouble(after.get(i)), 0, method + " variable " + i);
                        }
                    }
                } else {
                    assertEquals(0, d.skippedSteps(), method + ": the mean alone cannot overflow");
                    assertEquals(2, d.step());
                }
                for (double v : d.asMap().values()) {
                    assertTrue(Double.isFinite(v), method + ": " + d);
                }
                assertEquals(1e-30, d.get(Diagnostic.LEARNING_RATE), 1e-37);
            }
        }
    }

    @Test
    void namesAndStateNamesFollowTheMethod() {
        assertEquals("M-SVAG", optimizer(Method.M_SVAG, 0.1, 0).name());
        assertEquals("msvag", optimizer(Method.M_SVAG, 0.1, 0).stateName());
        assertEquals("adamstar", optimizer(Method.ADAM_STAR, 0.1, 0).stateName());
        assertEquals("ssd", optimizer(Method.SSD, 0.1, 0).stateName());
        assertEquals("msgd", optimizer(Method.M_SGD, 0.1, 0).stateName());
    }

    private static double[] toDouble(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    private static void assertArrayClose(double[] expected, double[] actual, double tolerance, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tolerance, what + " element " + i);
        }
    }
}
