package org.arturo.tf.baselines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.function.Supplier;
import org.arturo.tf.InvalidHyperparameterException;
import org.arturo.tf.config.LearningRateConfig;
import org.arturo.tf.preset.PaperTask;
import org.arturo.tf.schedule.Schedule;
import org.arturo.tf.schedule.Schedules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every baseline hyperparameter rejects NaN, ±∞, values that are not a normal float32 and out-of-range
 * values, naming parameter, value and range; bounds that span several values are checked at build().
 */
class ConfigValidationTest {
    private static final double NAN = Double.NaN;
    private static final double INF = Double.POSITIVE_INFINITY;
    /** Finite as a double, ∞ as a float32: gave NaN parameters. */
    private static final double HUGE = 1e40;
    /** Positive as a double, 0 as a float32: Adam's ε of 1e-50 gave 0/0 = NaN. */
    private static final double TINY = 1e-50;
    /** A float32 subnormal, which TensorFlow flushes to 0. */
    private static final double SUBNORMAL = 1e-40;
    /** Below 1 as a double, 1.0f as a float32. */
    private static final double ONE_IN_FLOAT32 = 0.9999999999;

    /** A setter under test: which builder, which parameter, the bad values. */
    private record Case(String optimizer, String name, java.util.function.DoubleFunction<Object> set, double... bad) {
    }

    private static final List<Case> CASES = List.of(
            new Case("SGD", "learningRate", v -> SgdConfig.builder().learningRate(v), NAN, INF, -INF, -0.1, 0, HUGE, TINY,
                    SUBNORMAL),
            new Case("SGD", "momentum", v -> SgdConfig.builder().momentum(v), NAN, INF, -INF, -0.1, 1, 1.5,
                    ONE_IN_FLOAT32, SUBNORMAL),
            new Case("SGD", "weightDecay", v -> SgdConfig.builder().weightDecay(v), NAN, INF, -INF, -1e-4, HUGE, TINY,
                    SUBNORMAL),
            new Case("Adam", "learningRate", v -> AdamConfig.builder().learningRate(v), NAN, INF, -INF, -1e-3, 0, HUGE,
                    TINY),
            new Case("Adam", "beta1", v -> AdamConfig.builder().beta1(v), NAN, INF, -INF, -0.1, 1, 1.1, ONE_IN_FLOAT32),
            new Case("Adam", "beta2", v -> AdamConfig.builder().beta2(v), NAN, INF, -INF, -0.1, 1, 1.1, ONE_IN_FLOAT32),
            new Case("Adam", "epsilon", v -> AdamConfig.builder().epsilon(v), NAN, INF, -INF, -1e-8, 0, HUGE, TINY,
                    SUBNORMAL),
            new Case("Adam", "weightDecay", v -> AdamConfig.builder().weightDecay(v), NAN, INF, -INF, -1e-4, HUGE, TINY),
            new Case("AdamW", "learningRate", v -> AdamConfig.adamWBuilder().learningRate(v), NAN, INF, -INF, -1e-3, 0,
                    HUGE, TINY),
            new Case("AdamW", "beta1", v -> AdamConfig.adamWBuilder().beta1(v), NAN, INF, -INF, -0.1, 1, 1.1,
                    ONE_IN_FLOAT32),
            new Case("AdamW", "beta2", v -> AdamConfig.adamWBuilder().beta2(v), NAN, INF, -INF, -0.1, 1, 1.1,
                    ONE_IN_FLOAT32),
            new Case("AdamW", "epsilon", v -> AdamConfig.adamWBuilder().epsilon(v), NAN, INF, -INF, -1e-8, 0, HUGE, TINY),
            new Case("AdamW", "weightDecay", v -> AdamConfig.adamWBuilder().weightDecay(v), NAN, INF, -INF, -1e-4, HUGE,
                    TINY));

    static Stream<Arguments> badValues() {
        List<Arguments> args = new ArrayList<>();
        for (Case c : CASES) {
            for (double value : c.bad()) {
                args.add(Arguments.of(c.optimizer(), c.name(), value, c.set()));
            }
        }
        return args.stream();
    }

    @ParameterizedTest(name = "{0}: {1} = {2}")
    @MethodSource("badValues")
    void rejectsWithANamedError(String optimizer, String name, double value,
                                java.util.function.DoubleFunction<Object> set) {
        InvalidHyperparameterException e = assertThrows(InvalidHyperparameterException.class, () -> set.apply(value));
        assertEquals(name, e.parameter());
        assertEquals(String.valueOf(value), e.value());
        assertTrue(e.getMessage().startsWith(name + " = " + value), e.getMessage());
        assertTrue(e.getMessage().contains("valid range is " + e.validRange()), e.getMessage());
    }

    @Test
    void unitIntervalNamesItsRange() {
        InvalidHyperparameterException e = assertThrows(InvalidHyperparameterException.class,
                () -> AdamConfig.builder().beta2(1.0));
        assertTrue(e.validRange().startsWith("[0, 1) as float32"), e.validRange());
        assertTrue(e.getMessage().endsWith("1 − beta2 must be > 0"), e.getMessage());
        InvalidHyperparameterException rounded = assertThrows(InvalidHyperparameterException.class,
                () -> AdamConfig.builder().beta2(ONE_IN_FLOAT32));
        assertTrue(rounded.getMessage().endsWith("it rounds to 1.0 in float32"), rounded.getMessage());
    }

    @Test
    void theFloat32BoundsThemselvesAreAccepted() {
        SgdConfig.builder().learningRate(Float.MIN_NORMAL).learningRate(Float.MAX_VALUE).weightDecay(0).momentum(0)
                .momentum(Math.nextDown(1f)).weightDecay(Float.MIN_NORMAL).weightDecay(0).build();
        AdamConfig.builder().learningRate(Float.MIN_NORMAL).epsilon(Float.MAX_VALUE).beta1(Math.nextDown(1f))
                .beta2(Math.nextDown(1f)).weightDecay(Float.MAX_VALUE).build();
    }

    // ---- bounds that span several values: checked at build(), blamed on the value set last ----

    private static InvalidHyperparameterException buildFails(String parameter, Supplier<LearningRateConfig> build) {
        InvalidHyperparameterException e = assertThrows(InvalidHyperparameterException.class, build::get);
        assertEquals(parameter, e.parameter(), e.getMessage());
        assertTrue(e.getMessage().startsWith(parameter + " = "), e.getMessage());
        assertTrue(e.getMessage().contains("valid range is " + e.validRange()), e.getMessage());
        return e;
    }

    @Test
    void sgdsCoupledDecayMustNotFlipTheSign() {
        // θ·(1 − lr·wd) with lr·wd = 1.5: SGD's coupled decay flipped the parameters' sign every step.
        buildFails("weightDecay", () -> SgdConfig.builder().learningRate(0.5).weightDecay(3).build());
        buildFails("learningRate", () -> SgdConfig.builder().weightDecay(3).learningRate(0.5).build());
        SgdConfig.builder().learningRate(0.5).weightDecay(1.9).build();
    }

    @Test
    void schedulesAboveOneAreCheckedAtTheirLargestFactor() {
        Schedule tenfold = Schedules.piecewise(new long[] {10}, new double[] {1, 10});
        // lr·wd = 0.5 at step 0 but 5 from step 10: only base values used to be checked.
        InvalidHyperparameterException e = buildFails("schedule",
                () -> AdamConfig.adamWBuilder().learningRate(0.5).weightDecay(1).schedule(tenfold).build());
        assertTrue(e.getMessage().contains("largest factor 10.0"), e.getMessage());
        buildFails("schedule", () -> SgdConfig.builder().learningRate(0.5).weightDecay(1).schedule(tenfold).build());
        buildFails("schedule", () -> SgdConfig.builder().learningRate(0.5).weightDecay(1)
                .schedule(Schedules.warmup(3, Schedules.multiStep(4, 20))).build());
        // Adam's coupled decay enters the moments, not a factor on θ: no such bound.
        AdamConfig.builder().learningRate(0.5).weightDecay(1).schedule(tenfold).build();
        // lr_t must be a finite float32 at the largest factor.
        InvalidHyperparameterException overflow = buildFails("schedule",
                () -> SgdConfig.builder().learningRate(1e10).schedule(Schedules.multiStep(1e30, 5)).build());
        assertTrue(overflow.getMessage().contains("learningRate·factor(t) must be a finite float32"), overflow.getMessage());
    }

    @Test
    void adamsDenominatorEpsilonStaysNormal() {
        // ε̂ = ε·√(1 − β2) at step 1: 1e-37·√1e-5 ≈ 3e-40 is subnormal, flushed to 0, and 0/0 = NaN.
        buildFails("beta2", () -> AdamConfig.builder().epsilon(1e-37).beta2(0.99999).build());
        buildFails("epsilon", () -> AdamConfig.builder().beta2(0.99999).epsilon(1e-37).build());
        AdamConfig.builder().epsilon(1e-37).beta2(0.9).build();
    }

    @Test
    void adamsStepSizeStaysFinite() {
        // lr_t·√(1 − β2)/(1 − β1) at step 1: 1e35·0.03/6e-8 overflows float32.
        buildFails("learningRate", () -> AdamConfig.builder().beta1(Math.nextDown(1f)).learningRate(1e35).build());
        buildFails("beta1", () -> AdamConfig.builder().learningRate(1e35).beta1(Math.nextDown(1f)).build());
        AdamConfig.builder().learningRate(1e35).build();
    }

    @Test
    void theDefaultsAndEveryPresetValidateWithThePaperSchedule() {
        SgdConfig.defaults();
        AdamConfig.defaults();
        AdamConfig.adamWDefaults();
        for (PaperTask task : PaperTask.values()) {
            SgdPreset sgd = SgdPreset.of(task);
            sgd.builder().schedule(sgd.paperSchedule(task.paperEpochs(), 938)).build();
            AdamPreset adam = AdamPreset.of(task);
            adam.config().toBuilder().schedule(adam.paperSchedule(task.paperEpochs(), 938)).build();
            AdamWPreset adamW = AdamWPreset.of(task);
            adamW.config().toBuilder().schedule(adamW.paperSchedule(10, 1)).build();
        }
    }

    @Test
    void boundaryValuesAreAccepted() {
        SgdConfig sgd = SgdConfig.builder().momentum(0).weightDecay(0).build();
        assertEquals(0, sgd.momentum());
        AdamConfig adam = AdamConfig.builder().beta1(0).beta2(0).weightDecay(0).build();
        assertEquals(0, adam.beta1());
        assertEquals(0, adam.beta2());
    }

    @Test
    void nesterovNeedsMomentum() {
        InvalidHyperparameterException e = assertThrows(InvalidHyperparameterException.class,
                () -> SgdConfig.builder().momentum(0).nesterov(true).build());
        assertEquals("momentum", e.parameter());
        assertEquals("0.0", e.value());
    }

    @Test
    void adamWDecayMustNotFlipTheSign() {
        InvalidHyperparameterException e = assertThrows(InvalidHyperparameterException.class,
                () -> AdamConfig.adamWBuilder().learningRate(0.5).weightDecay(2.0).build());
        assertEquals("weightDecay", e.parameter());
        assertTrue(e.validRange().startsWith("[0, 1/learningRate) = [0, 2.0)"), e.validRange());
        assertEquals(1.9, AdamConfig.adamWBuilder().learningRate(0.5).weightDecay(1.9).build().weightDecay());
    }

    @Test
    void nullsAreNamed() {
        List<Consumer<Object>> setters = List.of(
                x -> SgdConfig.builder().schedule(null),
                x -> AdamConfig.builder().schedule(null),
                x -> AdamConfig.adamWBuilder().schedule(null));
        for (Consumer<Object> s : setters) {
            InvalidHyperparameterException e = assertThrows(InvalidHyperparameterException.class, () -> s.accept(null));
            assertEquals("schedule", e.parameter());
        }
        assertEquals("preset", assertThrows(InvalidHyperparameterException.class,
                () -> SgdConfig.builder().preset(null)).parameter());
        assertEquals("preset", assertThrows(InvalidHyperparameterException.class,
                () -> AdamConfig.builder().preset((AdamPreset) null)).parameter());
        assertEquals("preset", assertThrows(InvalidHyperparameterException.class,
                () -> AdamConfig.adamWBuilder().preset((AdamWPreset) null)).parameter());
    }

    @Test
    void toBuilderKeepsEveryValue() {
        SgdConfig sgd = SgdConfig.builder().learningRate(0.3).momentum(0.5).weightDecay(0.2).nesterov(true)
                .skipNonFinite(false).build();
        assertEquals(sgd.toString(), sgd.toBuilder().build().toString());
        AdamConfig adam = AdamConfig.builder().learningRate(0.3).beta1(0.5).beta2(0.6).epsilon(1e-3)
                .weightDecay(0.2).skipNonFinite(false).build();
        assertEquals(adam.toString(), adam.toBuilder().build().toString());
        AdamConfig adamW = AdamConfig.adamWBuilder().learningRate(0.3).beta1(0.5).beta2(0.6).epsilon(1e-3)
                .weightDecay(0.2).skipNonFinite(false).build();
        assertEquals(adamW.toString(), adamW.toBuilder().build().toString());
    }

    @Test
    void defaultsArePyTorchs() {
        AdamConfig adam = AdamConfig.defaults();
        assertEquals(List.of(1e-3, 0.9, 0.999, 1e-8, 0.0),
                List.of(adam.learningRate(), adam.beta1(), adam.beta2(), adam.epsilon(), adam.weightDecay()));
        AdamConfig adamW = AdamConfig.adamWDefaults();
        assertEquals(List.of(1e-3, 0.9, 0.999, 1e-8, 0.01),
                List.of(adamW.learningRate(), adamW.beta1(), adamW.beta2(), adamW.epsilon(), adamW.weightDecay()));
        assertTrue(SgdConfig.defaults().skipNonFinite() && adam.skipNonFinite() && adamW.skipNonFinite());
        assertTrue(!adam.decoupledWeightDecay() && adamW.decoupledWeightDecay());
    }
}
