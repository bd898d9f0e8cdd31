package org.arturo.tf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every hyperparameter rejects NaN, ±∞ and out-of-range values, naming parameter, value and range. */
class ArturoConfigValidationTest {
    private static final double NAN = Double.NaN;
    private static final double INF = Double.POSITIVE_INFINITY;

    private record Parameter(String name, BiConsumer<ArturoConfig.Builder, Double> setter, double... bad) {
    }

    private static final List<Parameter> PARAMETERS = List.of(
            new Parameter("epsilon", ArturoConfig.Builder::epsilon, NAN, INF, -INF, -1e-3, 0),
            new Parameter("rho", ArturoConfig.Builder::rho, NAN, INF, -INF, -1, 0),
            new Parameter("nu", ArturoConfig.Builder::nu, NAN, INF, -INF, -1, 0),
            new Parameter("lambda", ArturoConfig.Builder::lambda, NAN, INF, -INF, -1, 0),
            new Parameter("q", ArturoConfig.Builder::q, NAN, INF, -INF, -1e-9),
            new Parameter("r", ArturoConfig.Builder::r, NAN, INF, -INF, -1, 0),
            new Parameter("varInit", ArturoConfig.Builder::varInit, NAN, INF, -INF, -1, 0),
            new Parameter("p0", ArturoConfig.Builder::p0, NAN, INF, -INF, -1, 0),
            new Parameter("a0", ArturoConfig.Builder::a0, NAN, INF, -INF, -0.1),
            new Parameter("weightDecay", ArturoConfig.Builder::weightDecay, NAN, INF, -INF, -1e-4),
            new Parameter("etaTol", ArturoConfig.Builder::etaTol, NAN, INF, -INF, -1, 0),
            new Parameter("etaMax", ArturoConfig.Builder::etaMax, NAN, INF, -INF, -1, 0),
            new Parameter("solverTolerance", ArturoConfig.Builder::solverTolerance, NAN, INF, -INF, -1e-3, 0, 0.5, 2),
            new Parameter("maxSolverIterations", (b, v) -> b.maxSolverIterations(v.intValue()), 0, -1, 1001),
            new Parameter("adamBeta1", ArturoConfig.Builder::adamBeta1, NAN, INF, -INF, 0, 1, 1.5),
            new Parameter("adamBeta2", ArturoConfig.Builder::adamBeta2, NAN, INF, -INF, 0, 1, -0.5),
            new Parameter("fixedEta", ArturoConfig.Builder::fixedEta, NAN, INF, -INF, -1, 0));

    static Stream<Arguments> badValues() {
        List<Arguments> cases = new ArrayList<>();
        for (Parameter p : PARAMETERS) {
            for (double value : p.bad()) {
                cases.add(Arguments.of(p.name(), value, p.setter()));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("badValues")
    void rejectsWithANamedError(String name, double value, BiConsumer<ArturoConfig.Builder, Double> setter) {
        InvalidHyperparameterException e = assertThrows(InvalidHyperparameterException.class,
                () -> setter.accept(ArturoConfig.builder(), value));
        assertEquals(name, e.parameter());
        assertTrue(e.getMessage().startsWith(name + " = "), e.getMessage());
        assertTrue(e.getMessage().contains("valid range is " + e.validRange()), e.getMessage());
        assertTrue(e.value().equals(String.valueOf(value)) || e.value().equals(String.valueOf((long) value)),
                "the message names the rejected value: " + e.getMessage());
    }

    @Test
    void rejectsWeightDecayThatWouldFlipTheParametersSign() {
        InvalidHyperparameterException e = assertThrows(InvalidHyperparameterException.class,
                () -> ArturoConfig.builder().epsilon(0.5).weightDecay(2.0).build());
        assertEquals("weightDecay", e.parameter());
        assertTrue(e.getMessage().contains("[0, 2.0)"), e.getMessage());
    }

    @Test
    void rejectsMissingSolverScheduleAndPreset() {
        assertEquals("solver", assertThrows(InvalidHyperparameterException.class,
                () -> ArturoConfig.builder().solver(null)).parameter());
        assertEquals("schedule", assertThrows(InvalidHyperparameterException.class,
                () -> ArturoConfig.builder().schedule(null)).parameter());
        assertEquals("preset", assertThrows(InvalidHyperparameterException.class,
                () -> ArturoConfig.builder().preset(null)).parameter());
        assertEquals("surrogate", assertThrows(InvalidHyperparameterException.class,
                () -> ArturoConfig.builder().surrogate(null)).parameter());
    }

    @Test
    void defaultsAreTheAppendixCAndFashionMnistCnnValues() {
        ArturoConfig c = ArturoConfig.defaults();
        assertEquals(0.01, c.varInit());
        assertEquals(0.0015, c.lambda());
        assertEquals(1.3, c.nu());
        assertEquals(5e-5, c.p0());
        assertEquals(0.1, c.a0());
        assertEquals(0.08567456308209788, c.epsilon());
        assertEquals(0.05865661620286048, c.rho());
        assertEquals(2.8167911612651997, c.r());
        assertEquals(0.017392958232048346, c.q());
        assertEquals(1.5403963328610538e-6, c.weightDecay());
        assertEquals(Solver.EXACT, c.solver());
    }

    @Test
    void presetsOverrideOnlyTheirTunedValuesAndToBuilderRoundTrips() {
        ArturoConfig c = ArturoPreset.CIFAR10_RESNET34.builder().nu(2.0).build();
        assertEquals(0.007132920002311371, c.epsilon());
        assertEquals(1.5973544349997737, c.rho());
        assertEquals(9.328440015416716, c.r());
        assertEquals(0.08938098738904834, c.q());
        assertEquals(0.0007029104518730781, c.weightDecay());
        assertEquals(2.0, c.nu());
        assertEquals(c.toString(), c.toBuilder().build().toString());
    }

    @Test
    void paperScheduleCompressesMilestonesToTheSameFractions() {
        // 60 and 90 of 120 epochs → 5 and 8 of 10 (rounded), γ = 0.006, 100 steps per epoch.
        var schedule = ArturoPreset.FASHION_MNIST_CNN.paperSchedule(10, 100);
        assertEquals(1.0, schedule.factorAt(499));
        assertEquals(0.006, schedule.factorAt(500), 1e-15);
        assertEquals(0.006, schedule.factorAt(799), 1e-15);
        assertEquals(0.006 * 0.006, schedule.factorAt(800), 1e-15);
    }
}
