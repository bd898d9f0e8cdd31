package org.arturo.tf.baselines;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.arturo.tf.schedule.Schedules;
import org.junit.jupiter.api.Test;

/** AdamW against the textbook (PyTorch) rule: decoupled decay, then Adam. */
class AdamWOptimizerTest {
    private static final double TOLERANCE = 1e-6;

    @Test
    void decoupledWeightDecayAndAMilestoneOverFiveSteps() {
        AdamWConfig config = AdamWConfig.builder().learningRate(0.05).beta1(0.9).beta2(0.99).epsilon(1e-8)
                .weightDecay(0.5).schedule(Schedules.multiStep(0.1, 2)).build();
        try (GraphHarness h = Fixtures.harness()) {
            BaselineUpdate update = h.build(new AdamWOptimizer(config));
            Fixtures.assertMatchesReference(h,
                    TextbookOptimizers.adam(0.05, 0.9, 0.99, 1e-8, 0.5, true, t -> t >= 2 ? 0.1 : 1), TOLERANCE);
            assertEquals(0.005, h.scalar(update.learningRate()), 1e-9);
        }
    }

    @Test
    void presetOverFiveSteps() {
        AdamWPreset p = AdamWPreset.FASHION_MNIST_CNN;
        AdamWConfig config = p.builder().learningRate(0.02).weightDecay(0.3).build();
        try (GraphHarness h = Fixtures.harness()) {
            h.build(new AdamWOptimizer(config));
            Fixtures.assertMatchesReference(h,
                    TextbookOptimizers.adam(0.02, p.beta1(), p.beta2(), 1e-8, 0.3, true, t -> 1), TOLERANCE);
        }
    }

    /**
     * Decoupled decay stays out of the moments: with g = 0, m = v = 0 and the Adam step is 0, so
     * θ_t = θ_0 · Π (1 − lr_t·wd). Here lr = 0.1, wd = 0.5, lr × 0.1 from step 2: factors 0.95, 0.95, 0.995.
     */
    @Test
    void withZeroGradientOnlyTheDecayActs() {
        AdamWConfig config = AdamWConfig.builder().learningRate(0.1).weightDecay(0.5)
                .schedule(Schedules.multiStep(0.1, 2)).build();
        try (GraphHarness h = new GraphHarness(new long[][] {{2}}, new double[][] {{0.5, -2.0}})) {
            h.build(new AdamWOptimizer(config));
            double[] expected = {0.5, -2.0};
            double[] factors = {0.95, 0.95, 0.995};
            for (double f : factors) {
                h.step(new double[] {0, 0});
                expected[0] *= f;
                expected[1] *= f;
                double[] theta = h.parameters()[0];
                assertEquals(expected[0], theta[0], 1e-7);
                assertEquals(expected[1], theta[1], 2e-7);
            }
        }
    }
}
