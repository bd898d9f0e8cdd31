package org.arturo.tf.arturo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.arturo.tf.InvalidHyperparameterException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every hyperparameter rejects NaN, ±∞ and out-of-range values, naming parameter, value and range; a
 * parameter of a solver or surrogate that is not in use is rejected as having no effect.
 */
class ArturoConfigValidationTest {
    private static final double NAN = Double.NaN;
    private static final double INF = Double.POSITIVE_INFINITY;

    /**
     * A parameter with its setter and bad values. A component's own parameters are set on a builder
     * that uses that component (etaTol on the bisection, adamBeta1 on the Adam-moments surrogate, ...).
     */
    private record Parameter(String name, BiConsumer<ArturoConfig.Builder, Double> setter, double... bad) {
    }

    private static BiConsumer<ArturoConfig.Builder, Double> onBisection(BiConsumer<ArturoConfig.Builder, Double> set) {
        return (b, v) -> set.accept(b.solver(Solver.BISECTION), v);
    }

    private static BiConsumer<ArturoConfig.Builder, Double> onFixed(BiConsumer<ArturoConfig.Builder, Double> set) {
        return (b, v) -> set.accept(b.solver(Solver.FIXED), v);
    }

    private static BiConsumer<ArturoConfig.Builder, Double> onAdamMoments(
            BiConsumer<ArturoConfig.Builder, Double> set) {
        return (b, v) -> set.accept(b.surrogate(Surrogate.ADAM_MOMENTS), v);
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
            new Parameter("etaTol", onBisection(ArturoConfig.Builder::etaTol), NAN, INF, -INF, -1, 0),
            new Parameter("etaMax", onBisection(ArturoConfig.Builder::etaMax), NAN, INF, -INF, -1, 0),
            new Parameter("solverTolerance", ArturoConfig.Builder::solverTolerance, NAN, INF, -INF, -1e-3, 0, 0.5, 2),
            new Parameter("maxSolverIterations", (b, v) -> b.maxSolverIterations(v.intValue()), 0, -1, 1001),
            new Parameter("maxSolverIterations",
                    onBisection((b, v) -> b.maxSolverIterations(v.intValue())), 0, -1, 1001),
            new Parameter("adamBeta1", onAdamMoments(ArturoConfig.Builder::adamBeta1), NAN, INF, -INF, 0, 1, 1.5),
            new Parameter("adamBeta2", onAdamMoments(ArturoConfig.Builder::adamBeta2), NAN, INF, -INF, 0, 1, -0.5),
            new Parameter("fixedEta", onFixed(ArturoConfig.Builder::fixedEta), NAN, INF, -INF, -1, 0));

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
        Surrogate.Kalman kalman = (Surrogate.Kalman) c.surrogate();
        assertEquals(0.01, c.varInit());
        assertEquals(0.0015, c.lambda());
        assertEquals(1.3, c.nu());
        assertEquals(5e-5, kalman.p0());
        assertEquals(0.1, kalman.a0());
        assertEquals(0.08567456308209788, c.epsilon());
        assertEquals(0.05865661620286048, c.rho());
        assertEquals(2.8167911612651997, kalman.r());
        assertEquals(0.017392958232048346, kalman.q());
        assertEquals(1.5403963328610538e-6, c.weightDecay());
        assertEquals(Solver.EXACT, c.solver());
        assertEquals(Surrogate.KALMAN, c.surrogate());
    }

    @Test
    void presetsOverrideOnlyTheirTunedValuesAndToBuilderRoundTrips() {
        ArturoConfig c = ArturoPreset.CIFAR10_RESNET34.builder().nu(2.0).build();
        Surrogate.Kalman kalman = (Surrogate.Kalman) c.surrogate();
        assertEquals(0.007132920002311371, c.epsilon());
        assertEquals(1.5973544349997737, c.rho());
        assertEquals(9.328440015416716, kalman.r());
        assertEquals(0.08938098738904834, kalman.q());
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

    /** A parameter set on a builder whose solver or surrogate does not use it, and what is in use. */
    private record NotInUse(String name, Supplier<ArturoConfig.Builder> builder,
                            BiConsumer<ArturoConfig.Builder, Double> setter, double value, String inUse) {
        @Override
        public String toString() {
            return name + " with " + inUse;
        }
    }

    static Stream<NotInUse> parametersOfAComponentNotInUse() {
        Supplier<ArturoConfig.Builder> adamMoments = () -> ArturoConfig.builder().surrogate(Surrogate.ADAM_MOMENTS);
        Supplier<ArturoConfig.Builder> kalman = () -> ArturoConfig.builder().surrogate(Surrogate.KALMAN);
        Supplier<ArturoConfig.Builder> exact = () -> ArturoConfig.builder().solver(Solver.EXACT);
        Supplier<ArturoConfig.Builder> bisection = () -> ArturoConfig.builder().solver(Solver.BISECTION);
        Supplier<ArturoConfig.Builder> fixed = () -> ArturoConfig.builder().solver(Solver.FIXED);
        return Stream.of(
                new NotInUse("q", adamMoments, ArturoConfig.Builder::q, 0.01, "surrogate = ADAM_MOMENTS"),
                new NotInUse("r", adamMoments, ArturoConfig.Builder::r, 2.0, "surrogate = ADAM_MOMENTS"),
                new NotInUse("p0", adamMoments, ArturoConfig.Builder::p0, 1e-4, "surrogate = ADAM_MOMENTS"),
                new NotInUse("a0", adamMoments, ArturoConfig.Builder::a0, 0.2, "surrogate = ADAM_MOMENTS"),
                new NotInUse("adamBeta1", kalman, ArturoConfig.Builder::adamBeta1, 0.8, "surrogate = KALMAN"),
                new NotInUse("adamBeta2", kalman, ArturoConfig.Builder::adamBeta2, 0.99, "surrogate = KALMAN"),
                new NotInUse("etaTol", exact, ArturoConfig.Builder::etaTol, 0.1, "solver = EXACT"),
                new NotInUse("etaMax", exact, ArturoConfig.Builder::etaMax, 100.0, "solver = EXACT"),
                new NotInUse("solverTolerance", bisection, ArturoConfig.Builder::solverTolerance, 1e-4,
                        "solver = BISECTION"),
                new NotInUse("fixedEta", exact, ArturoConfig.Builder::fixedEta, 2.0, "solver = EXACT"),
                new NotInUse("maxSolverIterations", fixed, (b, v) -> b.maxSolverIterations(v.intValue()), 10,
                        "solver = FIXED"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parametersOfAComponentNotInUse")
    void rejectsAParameterOfAComponentNotInUse(NotInUse c) {
        ArturoConfig.Builder builder = c.builder().get();
        Solver solver = builder.solver();
        Surrogate surrogate = builder.surrogate();
        InvalidHyperparameterException e = assertThrows(InvalidHyperparameterException.class,
                () -> c.setter().accept(builder, c.value()));
        assertEquals(c.name(), e.parameter());
        assertTrue(e.getMessage().startsWith(c.name() + " = "), e.getMessage());
        assertTrue(e.getMessage().contains(c.inUse()), "the message names what is in use: " + e.getMessage());
        assertTrue(e.getMessage().contains("has no effect"), e.getMessage());
        assertEquals(solver, builder.solver(), "a rejected setter leaves the solver as it was");
        assertEquals(surrogate, builder.surrogate(), "a rejected setter leaves the surrogate as it was");
    }

    @Test
    void flatSettersReachTheComponentInUse() {
        ArturoConfig kalman = ArturoConfig.builder().q(0.02).r(3.0).p0(1e-4).a0(0.2).build();
        assertEquals(new Surrogate.Kalman(0.02, 3.0, 1e-4, 0.2), kalman.surrogate());
        ArturoConfig moments = ArturoConfig.builder().surrogate(Surrogate.ADAM_MOMENTS).adamBeta1(0.8).adamBeta2(0.99)
                .build();
        assertEquals(new Surrogate.AdamMoments(0.8, 0.99), moments.surrogate());
        ArturoConfig exact = ArturoConfig.builder().solverTolerance(1e-4).maxSolverIterations(12).build();
        assertEquals(new Solver.Exact(1e-4, 12), exact.solver());
        ArturoConfig bisection = ArturoConfig.builder().solver(Solver.BISECTION).etaTol(0.1).etaMax(50)
                .maxSolverIterations(40).build();
        assertEquals(new Solver.Bisection(0.1, 50, 40), bisection.solver());
        ArturoConfig fixed = ArturoConfig.builder().solver(Solver.FIXED).fixedEta(3.0).build();
        assertEquals(new Solver.Fixed(3.0), fixed.solver());
        assertEquals(fixed.toString(), fixed.toBuilder().build().toString());
    }

    /** A component record checked on its own: parameter name, value and range, as the builder's setters report them. */
    private record RecordCase(String name, Runnable create, Object value) {
        @Override
        public String toString() {
            return name + " = " + value;
        }
    }

    static Stream<RecordCase> badRecordParameters() {
        return Stream.of(
                new RecordCase("solverTolerance", () -> new Solver.Exact(0, 30), 0.0),
                new RecordCase("solverTolerance", () -> new Solver.Exact(0.5, 30), 0.5),
                new RecordCase("solverTolerance", () -> Solver.EXACT.withTolerance(NAN), NAN),
                new RecordCase("maxSolverIterations", () -> new Solver.Exact(1e-3, 0), 0L),
                new RecordCase("maxSolverIterations", () -> Solver.EXACT.withMaxIterations(1001), 1001L),
                new RecordCase("etaTol", () -> new Solver.Bisection(0, 10, 30), 0.0),
                new RecordCase("etaTol", () -> Solver.BISECTION.withEtaTol(INF), INF),
                new RecordCase("etaMax", () -> new Solver.Bisection(0.5, -1, 30), -1.0),
                new RecordCase("etaMax", () -> Solver.BISECTION.withEtaMax(NAN), NAN),
                new RecordCase("maxSolverIterations", () -> new Solver.Bisection(0.5, 10, 1001), 1001L),
                new RecordCase("maxSolverIterations", () -> Solver.BISECTION.withMaxIterations(0), 0L),
                new RecordCase("fixedEta", () -> new Solver.Fixed(0), 0.0),
                new RecordCase("fixedEta", () -> new Solver.Fixed(-INF), -INF),
                new RecordCase("q", () -> new Surrogate.Kalman(-1e-9, 1, 1e-4, 0.1), -1e-9),
                new RecordCase("q", () -> Surrogate.KALMAN.withQ(NAN), NAN),
                new RecordCase("r", () -> new Surrogate.Kalman(0.01, 0, 1e-4, 0.1), 0.0),
                new RecordCase("r", () -> Surrogate.KALMAN.withR(INF), INF),
                new RecordCase("p0", () -> new Surrogate.Kalman(0.01, 1, 0, 0.1), 0.0),
                new RecordCase("p0", () -> Surrogate.KALMAN.withP0(-1), -1.0),
                new RecordCase("a0", () -> new Surrogate.Kalman(0.01, 1, 1e-4, -0.1), -0.1),
                new RecordCase("a0", () -> Surrogate.KALMAN.withA0(NAN), NAN),
                new RecordCase("adamBeta1", () -> new Surrogate.AdamMoments(1, 0.999), 1.0),
                new RecordCase("adamBeta1", () -> Surrogate.ADAM_MOMENTS.withBeta1(0), 0.0),
                new RecordCase("adamBeta2", () -> new Surrogate.AdamMoments(0.9, 1.5), 1.5),
                new RecordCase("adamBeta2", () -> Surrogate.ADAM_MOMENTS.withBeta2(-INF), -INF));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRecordParameters")
    void componentRecordsValidateTheirOwnParameters(RecordCase c) {
        InvalidHyperparameterException e = assertThrows(InvalidHyperparameterException.class, c.create()::run);
        assertEquals(c.name(), e.parameter());
        assertEquals(String.valueOf(c.value()), e.value());
        assertTrue(e.getMessage().startsWith(c.name() + " = "), e.getMessage());
        assertTrue(e.getMessage().contains("valid range is " + e.validRange()), e.getMessage());
    }

    @Test
    void componentConstantsAreTheDocumentedDefaults() {
        assertEquals(new Solver.Exact(1e-3, 30), Solver.EXACT);
        assertEquals(new Solver.Bisection(0.5, 10_000, 30), Solver.BISECTION);
        assertEquals(new Solver.Fixed(1.0), Solver.FIXED);
        assertEquals(List.of(Solver.EXACT, Solver.BISECTION, Solver.FIXED), List.of(Solver.values()));
        assertEquals(List.of("EXACT", "BISECTION", "FIXED"),
                Stream.of(Solver.values()).map(Solver::name).toList());
        assertEquals(new Surrogate.AdamMoments(0.9, 0.999), Surrogate.ADAM_MOMENTS);
        assertEquals(new Surrogate.Kalman(ArturoPreset.FASHION_MNIST_CNN.q(), ArturoPreset.FASHION_MNIST_CNN.r(), 5e-5,
                0.1), Surrogate.KALMAN);
        assertEquals("KALMAN", Surrogate.KALMAN.name());
        assertEquals("ADAM_MOMENTS", Surrogate.ADAM_MOMENTS.name());
    }
}
