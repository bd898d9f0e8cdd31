package org.arturo.tf.baselines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.arturo.tf.schedule.Schedules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.op.core.Variable;

/** A step with a NaN/±∞ gradient changes nothing but the skipped counter, bit for bit. */
class NonFiniteGradientTest {
    private static final double NAN = Double.NaN;
    private static final double INF = Double.POSITIVE_INFINITY;

    static Stream<Arguments> optimizersAndBadValues() {
        List<Supplier<BaselineOptimizer>> optimizers = List.of(
                () -> new SgdOptimizer(SgdConfig.builder().learningRate(0.1).momentum(0.9).weightDecay(0.01)
                        .schedule(Schedules.multiStep(0.1, 2)).build()),
                () -> new AdamOptimizer(AdamConfig.builder().learningRate(0.05).weightDecay(0.01)
                        .schedule(Schedules.multiStep(0.1, 2)).build()),
                () -> new AdamWOptimizer(AdamWConfig.builder().learningRate(0.05).weightDecay(0.2)
                        .schedule(Schedules.multiStep(0.1, 2)).build()));
        List<Arguments> cases = new ArrayList<>();
        for (Supplier<BaselineOptimizer> o : optimizers) {
            for (double bad : new double[] {NAN, INF, -INF}) {
                cases.add(Arguments.of(o.get().name(), bad, o));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}, gradient element {1}")
    @MethodSource("optimizersAndBadValues")
    void aBadStepIsSkippedEntirely(String name, double bad, Supplier<BaselineOptimizer> optimizer) {
        double[][] g = Fixtures.GRADIENTS[1];
        double[][] poisoned = {g[0].clone(), g[1].clone()};
        poisoned[1][2] = bad;

        double[][] cleanParameters;
        List<double[]> cleanState;
        try (GraphHarness clean = Fixtures.harness()) {
            clean.build(optimizer.get());
            clean.step(Fixtures.GRADIENTS[0]);
            clean.step(Fixtures.GRADIENTS[2]);
            clean.step(Fixtures.GRADIENTS[3]);
            cleanParameters = clean.parameters();
            cleanState = stateWithoutSkipCounter(clean);
        }
        try (GraphHarness dirty = Fixtures.harness()) {
            BaselineUpdate update = dirty.build(optimizer.get());
            dirty.step(Fixtures.GRADIENTS[0]);
            dirty.step(poisoned);
            assertEquals(1, dirty.scalar(update.step()), "the bad step did not count as applied");
            dirty.step(Fixtures.GRADIENTS[2]);
            dirty.step(Fixtures.GRADIENTS[3]);
            assertArrayEquals(cleanParameters, dirty.parameters(), "parameters equal a run without the bad step");
            List<double[]> state = stateWithoutSkipCounter(dirty);
            assertEquals(cleanState.size(), state.size());
            for (int i = 0; i < state.size(); i++) {
                assertArrayEquals(cleanState.get(i), state.get(i), "optimizer state variable " + i);
            }
            assertEquals(1, dirty.scalar(update.skippedSteps().orElseThrow()));
            assertEquals(3, dirty.scalar(update.step()));
            assertEquals(new BaselineUpdate.Values(dirty.scalar(update.learningRate()), 3, 1), update.read(dirty.session));
        }
    }

    /** With skipping off (PyTorch's behaviour) a NaN gradient reaches the parameters, and no counter exists. */
    @Test
    void skippingCanBeTurnedOff() {
        SgdConfig config = SgdConfig.builder().skipNonFinite(false).build();
        try (GraphHarness h = Fixtures.harness()) {
            BaselineUpdate update = h.build(new SgdOptimizer(config));
            assertTrue(update.skippedSteps().isEmpty());
            assertFalse(update.scalars().containsKey("skippedSteps"));
            h.step(new double[] {NAN, 0, 0}, new double[] {0, 0, 0, 0});
            assertTrue(Double.isNaN(h.parameters()[0][0]));
            assertEquals(0.125, h.parameters()[0][2], 1e-9, "other elements are untouched by element-wise math");
            assertEquals(1, h.scalar(update.step()));
        }
    }

    private static List<double[]> stateWithoutSkipCounter(GraphHarness h) {
        List<Variable<Float>> kept = new ArrayList<>();
        for (Variable<Float> v : h.state.variables()) {
            if (!v.op().name().endsWith("_skipped_steps")) {
                kept.add(v);
            }
        }
        return List.of(h.read(kept));
    }
}
