package org.arturo.tf.baselines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.arturo.tf.Diagnostic;
import org.arturo.tf.DiagnosticValues;
import org.arturo.tf.GraphHarness;
import org.arturo.tf.OptimizerUpdate;
import org.arturo.tf.schedule.Schedules;
import org.junit.jupiter.api.Test;

/** SGD with momentum against the textbook (PyTorch) rule over five steps; its state and skip policy. */
class SgdOptimizerTest {
    private static final double TOLERANCE = 1e-6;

    @Test
    void momentumWithCoupledWeightDecayAndAMilestone() {
        SgdConfig config = SgdConfig.builder().learningRate(0.1).momentum(0.9).weightDecay(0.01)
                .schedule(Schedules.multiStep(0.1, 3)).build();
        try (GraphHarness h = Fixtures.harness()) {
            h.build(new SgdOptimizer(config));
            assertEquals(0.1, h.diagnostics().get(Diagnostic.LEARNING_RATE), 1e-8,
                    "before any step: the first step's rate");
            Fixtures.assertMatchesReference(h,
                    TextbookOptimizers.sgd(0.1, 0.9, 0.01, false, t -> t >= 3 ? 0.1 : 1), TOLERANCE);
            DiagnosticValues d = h.diagnostics();
            assertEquals(5, d.step());
            assertEquals(0.01, d.get(Diagnostic.LEARNING_RATE), 1e-9, "the last step ran after the milestone");
        }
    }

    @Test
    void nesterovMomentum() {
        SgdConfig config = SgdConfig.builder().learningRate(0.05).momentum(0.8).weightDecay(0.02).nesterov(true).build();
        try (GraphHarness h = Fixtures.harness()) {
            h.build(new SgdOptimizer(config));
            Fixtures.assertMatchesReference(h, TextbookOptimizers.sgd(0.05, 0.8, 0.02, true, t -> 1), TOLERANCE);
        }
    }

    @Test
    void zeroMomentumIsPlainSgdWithoutVelocityState() {
        SgdConfig config = SgdConfig.builder().learningRate(0.2).momentum(0).weightDecay(0.05)
                .schedule(Schedules.multiStep(0.5, 2, 4)).build();
        try (GraphHarness h = Fixtures.harness()) {
            h.build(new SgdOptimizer(config));
            assertTrue(h.state.variables().stream().noneMatch(v -> v.op().name().endsWith("/" + SgdOptimizer.VELOCITY_SLOT)),
                    "no velocity slot when momentum is 0");
            Fixtures.assertMatchesReference(h,
                    TextbookOptimizers.sgd(0.2, 0, 0.05, false, t -> t >= 4 ? 0.25 : t >= 2 ? 0.5 : 1), TOLERANCE);
        }
    }

    @Test
    void firstStepByHand() {
        // θ = 0.5, g = 0.2, wd = 0.1, μ = 0.9, lr = 0.1: v = 0.2 + 0.05 = 0.25, θ = 0.5 − 0.025 = 0.475;
        // second step g = −0.3: g' = −0.3 + 0.0475 = −0.2525, v = 0.225 − 0.2525 = −0.0275, θ = 0.47775.
        SgdConfig config = SgdConfig.builder().learningRate(0.1).momentum(0.9).weightDecay(0.1).build();
        try (GraphHarness h = Fixtures.harness()) {
            h.build(new SgdOptimizer(config));
            h.step(Fixtures.GRADIENTS[0]);
            assertEquals(0.475, h.parameterValues()[0][0], 1e-7);
            h.step(Fixtures.GRADIENTS[1]);
            assertEquals(0.47775, h.parameterValues()[0][0], 1e-7);
        }
    }

    /** With skipping off (PyTorch's behaviour) a NaN gradient reaches the parameters, and no counter exists. */
    @Test
    void skippingCanBeTurnedOff() {
        SgdConfig config = SgdConfig.builder().skipNonFinite(false).build();
        try (GraphHarness h = Fixtures.harness()) {
            OptimizerUpdate update = h.build(new SgdOptimizer(config));
            assertTrue(update.diagnostics().operand(Diagnostic.SKIPPED_STEPS).isEmpty());
            assertFalse(update.diagnostics().operands().containsKey(Diagnostic.SKIPPED_STEPS));
            assertFalse(h.diagnostics().asMap().containsKey("skippedSteps"));
            assertTrue(h.state.variables().stream().noneMatch(v -> v.op().name().endsWith("_skipped_steps")));
            h.step(new double[] {Double.NaN, 0, 0}, new double[] {0, 0, 0, 0});
            assertTrue(Double.isNaN(h.parameterValues()[0][0]));
            assertEquals(0.125, h.parameterValues()[0][2], 1e-9, "other elements are untouched by element-wise math");
            DiagnosticValues d = h.diagnostics();
            assertEquals(1, d.step());
            assertEquals(0, d.skippedSteps(), "no counter: none skipped");
        }
    }

    @Test
    void stateWithMomentum() {
        assertEquals(List.of("w:momentum=0.0", "b:momentum=0.0", "sgd_step=0.0", "sgd_skipped_steps=0.0",
                        "sgd_gradient_scale=0.0", "sgd_outlier_steps=0.0",
                        "diagnostics [step, skippedSteps, outlierSteps, learningRate]"),
                Fixtures.stateRequests(new SgdOptimizer(SgdConfig.defaults())));
    }

    @Test
    void plainSgdWithoutSkippingKeepsOnlyItsStepCounter() {
        assertEquals(List.of("sgd_step=0.0", "diagnostics [step, learningRate]"),
                Fixtures.stateRequests(new SgdOptimizer(SgdConfig.builder().momentum(0).skipNonFinite(false).build())));
    }

    @Test
    void nameAndStateName() {
        SgdOptimizer sgd = new SgdOptimizer(SgdConfig.defaults());
        assertEquals("SGD", sgd.name());
        assertEquals("sgd", sgd.stateName());
        assertEquals("SGD", sgd.toString());
    }
}
