package org.arturo.tf.baselines;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.arturo.tf.Diagnostic;
import org.arturo.tf.GraphHarness;
import org.arturo.tf.schedule.Schedules;
import org.junit.jupiter.api.Test;

/**
 * Adam and AdamW against the textbook (PyTorch) rules, with the bias correction checked at steps 1, 2, 3;
 * AdamW is Adam with decoupled weight decay ({@link AdamConfig#adamWBuilder()}).
 */
class AdamOptimizerTest {
    private static final double TOLERANCE = 1e-6;

    @Test
    void coupledWeightDecayAndAMilestoneOverFiveSteps() {
        AdamConfig config = AdamConfig.builder().learningRate(0.05).beta1(0.9).beta2(0.999).epsilon(1e-8)
                .weightDecay(0.01).schedule(Schedules.multiStep(0.1, 3)).build();
        try (GraphHarness h = Fixtures.harness()) {
            h.build(new AdamOptimizer(config));
            Fixtures.assertMatchesReference(h,
                    TextbookOptimizers.adam(0.05, 0.9, 0.999, 1e-8, 0.01, false, t -> t >= 3 ? 0.1 : 1), TOLERANCE);
            assertEquals(5, h.diagnostics().step());
        }
    }

    @Test
    void presetBetasOverFiveSteps() {
        AdamPreset p = AdamPreset.FASHION_MNIST_CNN;
        AdamConfig config = p.builder().learningRate(0.02).weightDecay(0.001).build();
        try (GraphHarness h = Fixtures.harness()) {
            h.build(new AdamOptimizer(config));
            Fixtures.assertMatchesReference(h,
                    TextbookOptimizers.adam(0.02, p.config().beta1(), p.config().beta2(), 1e-8, 0.001, false, t -> 1), TOLERANCE);
        }
    }

    /**
     * With a constant gradient the bias-corrected moments are m̂ = g and v̂ = g² at every step, so
     * each step moves θ by exactly lr·g/(|g| + ε). A frozen correction (KotlinDL 0.4.0's Adam) would
     * move it by (1 − β1^t)/√(1 − β2^t) times as much at step t instead.
     */
    @Test
    void biasCorrectionAdvancesAtSteps1To3() {
        double lr = 0.01;
        double[] g = {0.2, -0.1, 0.4};
        AdamConfig config = AdamConfig.builder().learningRate(lr).build();
        try (GraphHarness h = new GraphHarness(new long[][] {{3}}, new double[][] {{0.5, -0.25, 0.125}})) {
            h.build(new AdamOptimizer(config));
            double[] before = h.parameterValues()[0];
            for (int step = 1; step <= 3; step++) {
                h.step(g);
                double[] after = h.parameterValues()[0];
                for (int j = 0; j < g.length; j++) {
                    double gf = (float) g[j];
                    assertEquals(-lr * gf / (Math.abs(gf) + 1e-8), after[j] - before[j], 2e-7,
                            "step " + step + ", element " + j);
                }
                before = after;
            }
        }
    }

    /**
     * ε is added to √v̂ (PyTorch), not to √v (TF's ApplyAdam as is): with a constant gradient g = ε
     * every step moves θ by lr·g/(|g| + ε) = lr/2. Adding ε to the uncorrected √v would move it by
     * lr·√(1 − β2)/(√(1 − β2) + 1) ≈ 0.03·lr at step 1.
     */
    @Test
    void epsilonIsAddedToTheBiasCorrectedRoot() {
        double lr = 0.01;
        double eps = 1e-6;
        AdamConfig config = AdamConfig.builder().learningRate(lr).epsilon(eps).build();
        try (GraphHarness h = new GraphHarness(new long[][] {{2}}, new double[][] {{0.5, -0.5}})) {
            h.build(new AdamOptimizer(config));
            for (int step = 1; step <= 3; step++) {
                h.step(new double[] {eps, -eps});
                double[] theta = h.parameterValues()[0];
                float g = (float) eps;
                double move = lr * g / (g + eps);
                assertEquals(0.5 - step * move, theta[0], 2e-7, "step " + step);
                assertEquals(-0.5 + step * move, theta[1], 2e-7, "step " + step);
            }
        }
    }

    /** β1 = β2 = 0: no memory, no bias correction (1 − 0^t = 1): θ moves by lr·g/(|g| + ε) every step. */
    @Test
    void zeroBetasAreSignDescent() {
        AdamConfig config = AdamConfig.builder().learningRate(0.1).beta1(0).beta2(0).build();
        try (GraphHarness h = Fixtures.harness()) {
            h.build(new AdamOptimizer(config));
            Fixtures.assertMatchesReference(h, TextbookOptimizers.adam(0.1, 0, 0, 1e-8, 0, false, t -> 1), TOLERANCE);
        }
    }

    /** Coupled decay goes through the moments: with g = 0 and wd > 0 the first step moves θ by ≈ lr·sign(θ). */
    @Test
    void coupledWeightDecayIsNormalizedByTheMoments() {
        AdamConfig config = AdamConfig.builder().learningRate(0.01).weightDecay(0.1).build();
        try (GraphHarness h = new GraphHarness(new long[][] {{2}}, new double[][] {{0.5, -2.0}})) {
            h.build(new AdamOptimizer(config));
            h.step(new double[] {0, 0});
            double[] theta = h.parameterValues()[0];
            // g' = wd·θ: 0.05 and −0.2; step = lr·g'/(|g'| + 1e-8).
            assertEquals(0.5 - 0.01 * 0.05 / (0.05 + 1e-8), theta[0], 1e-7);
            assertEquals(-2.0 + 0.01 * 0.2 / (0.2 + 1e-8), theta[1], 2e-7);
        }
    }

    @Test
    void adamWDecoupledWeightDecayAndAMilestoneOverFiveSteps() {
        AdamConfig config = AdamConfig.adamWBuilder().learningRate(0.05).beta1(0.9).beta2(0.99).epsilon(1e-8)
                .weightDecay(0.5).schedule(Schedules.multiStep(0.1, 2)).build();
        try (GraphHarness h = Fixtures.harness()) {
            h.build(new AdamOptimizer(config));
            Fixtures.assertMatchesReference(h,
                    TextbookOptimizers.adam(0.05, 0.9, 0.99, 1e-8, 0.5, true, t -> t >= 2 ? 0.1 : 1), TOLERANCE);
            assertEquals(0.005, h.diagnostics().get(Diagnostic.LEARNING_RATE), 1e-9);
        }
    }

    @Test
    void adamWPresetOverFiveSteps() {
        AdamWPreset p = AdamWPreset.FASHION_MNIST_CNN;
        AdamConfig config = p.builder().learningRate(0.02).weightDecay(0.3).build();
        try (GraphHarness h = Fixtures.harness()) {
            h.build(new AdamOptimizer(config));
            Fixtures.assertMatchesReference(h,
                    TextbookOptimizers.adam(0.02, p.config().beta1(), p.config().beta2(), 1e-8, 0.3, true, t -> 1), TOLERANCE);
        }
    }

    /**
     * AdamW's decoupled decay stays out of the moments: with g = 0, m = v = 0 and the Adam step is 0, so
     * θ_t = θ_0 · Π (1 − lr_t·wd). Here lr = 0.1, wd = 0.5, lr × 0.1 from step 2: factors 0.95, 0.95, 0.995.
     */
    @Test
    void adamWWithZeroGradientOnlyTheDecayActs() {
        AdamConfig config = AdamConfig.adamWBuilder().learningRate(0.1).weightDecay(0.5)
                .schedule(Schedules.multiStep(0.1, 2)).build();
        try (GraphHarness h = new GraphHarness(new long[][] {{2}}, new double[][] {{0.5, -2.0}})) {
            h.build(new AdamOptimizer(config));
            double[] expected = {0.5, -2.0};
            double[] factors = {0.95, 0.95, 0.995};
            for (double f : factors) {
                h.step(new double[] {0, 0});
                expected[0] *= f;
                expected[1] *= f;
                double[] theta = h.parameterValues()[0];
                assertEquals(expected[0], theta[0], 1e-7);
                assertEquals(expected[1], theta[1], 2e-7);
            }
        }
    }

    /** The same configuration with the decay flag flipped is the other optimizer, under its own names. */
    @Test
    void decoupledWeightDecayChoosesAdamW() {
        AdamOptimizer adam = new AdamOptimizer(AdamConfig.defaults());
        AdamOptimizer adamW = new AdamOptimizer(AdamConfig.adamWDefaults());
        assertEquals("Adam", adam.name());
        assertEquals("adam", adam.stateName());
        assertEquals("AdamW", adamW.name());
        assertEquals("adamw", adamW.stateName());
        AdamOptimizer flipped = new AdamOptimizer(AdamConfig.defaults().toBuilder().decoupledWeightDecay(true).build());
        assertEquals("AdamW", flipped.name());
    }

    @Test
    void adamState() {
        assertEquals(List.of("w:m=0.0", "w:v=0.0", "b:m=0.0", "b:v=0.0", "adam_step=0.0", "adam_skipped_steps=0.0",
                        "adam_gradient_scale=0.0", "adam_outlier_steps=0.0",
                        "diagnostics [step, skippedSteps, outlierSteps, learningRate]"),
                Fixtures.stateRequests(new AdamOptimizer(AdamConfig.defaults())));
    }

    @Test
    void adamWState() {
        assertEquals(List.of("w:m=0.0", "w:v=0.0", "b:m=0.0", "b:v=0.0", "adamw_step=0.0", "adamw_skipped_steps=0.0",
                        "adamw_gradient_scale=0.0", "adamw_outlier_steps=0.0",
                        "diagnostics [step, skippedSteps, outlierSteps, learningRate]"),
                Fixtures.stateRequests(new AdamOptimizer(AdamConfig.adamWDefaults())));
    }
}
