package org.arturo.tf.baselines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.arturo.tf.InvalidHyperparameterException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every baseline hyperparameter rejects NaN, ±∞ and out-of-range values, naming parameter, value and range. */
class ConfigValidationTest {
    private static final double NAN = Double.NaN;
    private static final double INF = Double.POSITIVE_INFINITY;

    /** A setter under test: which builder, which parameter, the bad values. */
    private record Case(String optimizer, String name, java.util.function.DoubleFunction<Object> set, double... bad) {
    }

    private static final List<Case> CASES = List.of(
            new Case("SGD", "learningRate", v -> SgdConfig.builder().learningRate(v), NAN, INF, -INF, -0.1, 0),
            new Case("SGD", "momentum", v -> SgdConfig.builder().momentum(v), NAN, INF, -INF, -0.1, 1, 1.5),
            new Case("SGD", "weightDecay", v -> SgdConfig.builder().weightDecay(v), NAN, INF, -INF, -1e-4),
            new Case("Adam", "learningRate", v -> AdamConfig.builder().learningRate(v), NAN, INF, -INF, -1e-3, 0),
            new Case("Adam", "beta1", v -> AdamConfig.builder().beta1(v), NAN, INF, -INF, -0.1, 1, 1.1),
            new Case("Adam", "beta2", v -> AdamConfig.builder().beta2(v), NAN, INF, -INF, -0.1, 1, 1.1),
            new Case("Adam", "epsilon", v -> AdamConfig.builder().epsilon(v), NAN, INF, -INF, -1e-8, 0),
            new Case("Adam", "weightDecay", v -> AdamConfig.builder().weightDecay(v), NAN, INF, -INF, -1e-4),
            new Case("AdamW", "learningRate", v -> AdamConfig.adamWBuilder().learningRate(v), NAN, INF, -INF, -1e-3, 0),
            new Case("AdamW", "beta1", v -> AdamConfig.adamWBuilder().beta1(v), NAN, INF, -INF, -0.1, 1, 1.1),
            new Case("AdamW", "beta2", v -> AdamConfig.adamWBuilder().beta2(v), NAN, INF, -INF, -0.1, 1, 1.1),
            new Case("AdamW", "epsilon", v -> AdamConfig.adamWBuilder().epsilon(v), NAN, INF, -INF, -1e-8, 0),
            new Case("AdamW", "weightDecay", v -> AdamConfig.adamWBuilder().weightDecay(v), NAN, INF, -INF, -1e-4));

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
        assertEquals("[0, 1)", e.validRange());
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
