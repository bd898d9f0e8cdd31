package org.arturo.tf.arturo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.arturo.tf.Check;
import org.arturo.tf.InvalidHyperparameterException;
import org.arturo.tf.schedule.Schedule;
import org.arturo.tf.schedule.Schedules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;

/**
 * Every hyperparameter rejects NaN, ±∞, values that are not a normal float32 and out-of-range values,
 * naming parameter, value and range; a parameter of a solver or surrogate that is not in use is
 * rejected as having no effect; bounds that span several values (ε_t·weightDecay, ρλ, ...) are checked
 * at build() and blamed on the value set last.
 */
class ArturoConfigValidationTest {
    private static final double NAN = Double.NaN;
    private static final double INF = Double.POSITIVE_INFINITY;
    /** Finite as a double, ∞ as a float32. */
    private static final double HUGE = 1e40;
    /** Positive as a double, 0 as a float32. */
    private static final double TINY = 1e-50;
    /** A float32 subnormal, which TensorFlow flushes to 0. */
    private static final double SUBNORMAL = 1e-40;

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

    // HUGE, TINY and SUBNORMAL are finite and positive as doubles but not normal float32s; each
    // reached the graph before (1e40 as ∞ skipped every step, 1e-50 as 0 moved nothing).
    private static final List<Parameter> PARAMETERS = List.of(
            new Parameter("epsilon", ArturoConfig.Builder::epsilon, NAN, INF, -INF, -1e-3, 0, HUGE, 1e300, TINY,
                    SUBNORMAL),
            new Parameter("rho", ArturoConfig.Builder::rho, NAN, INF, -INF, -1, 0, HUGE, TINY, SUBNORMAL),
            new Parameter("nu", ArturoConfig.Builder::nu, NAN, INF, -INF, -1, 0, HUGE, TINY, SUBNORMAL),
            new Parameter("lambda", ArturoConfig.Builder::lambda, NAN, INF, -INF, -1, 0, HUGE, TINY, SUBNORMAL),
            new Parameter("q", ArturoConfig.Builder::q, NAN, INF, -INF, -1e-9, HUGE, TINY, SUBNORMAL),
            new Parameter("r", ArturoConfig.Builder::r, NAN, INF, -INF, -1, 0, HUGE, TINY, SUBNORMAL),
            // 1/varInit must be a normal float32 too: varInit ≤ 2^126.
            new Parameter("varInit", ArturoConfig.Builder::varInit, NAN, INF, -INF, -1, 0, HUGE, TINY, SUBNORMAL,
                    1e38, Math.nextUp(0x1p126f)),
            new Parameter("p0", ArturoConfig.Builder::p0, NAN, INF, -INF, -1, 0, HUGE, TINY, SUBNORMAL),
            new Parameter("a0", ArturoConfig.Builder::a0, NAN, INF, -INF, -0.1, HUGE, TINY, SUBNORMAL),
            new Parameter("weightDecay", ArturoConfig.Builder::weightDecay, NAN, INF, -INF, -1e-4, HUGE, TINY,
                    SUBNORMAL),
            new Parameter("etaTol", onBisection(ArturoConfig.Builder::etaTol), NAN, INF, -INF, -1, 0, HUGE, TINY),
            // The bisection's lo + up must stay finite: etaMax ≤ FLT_MAX/2.
            new Parameter("etaMax", onBisection(ArturoConfig.Builder::etaMax), NAN, INF, -INF, -1, 0, HUGE, TINY,
                    2e38),
            new Parameter("solverTolerance", ArturoConfig.Builder::solverTolerance, NAN, INF, -INF, -1e-3, 0, 0.5, 2,
                    TINY, SUBNORMAL),
            new Parameter("maxSolverIterations", (b, v) -> b.maxSolverIterations(v.intValue()), 0, -1, 1001),
            new Parameter("maxSolverIterations",
                    onBisection((b, v) -> b.maxSolverIterations(v.intValue())), 0, -1, 1001),
            // 0.9999999999 rounds to 1.0f, and the bias correction divides by 1 − β^t.
            new Parameter("adamBeta1", onAdamMoments(ArturoConfig.Builder::adamBeta1), NAN, INF, -INF, 0, 1, 1.5,
                    0.9999999999, SUBNORMAL),
            new Parameter("adamBeta2", onAdamMoments(ArturoConfig.Builder::adamBeta2), NAN, INF, -INF, 0, 1, -0.5,
                    0.9999999999, SUBNORMAL),
            // 1/(λ_j + η) must stay normal: fixedEta ≤ 2^126.
            new Parameter("fixedEta", onFixed(ArturoConfig.Builder::fixedEta), NAN, INF, -INF, -1, 0, HUGE, TINY,
                    1e38));

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
    void aFloat32ErrorSaysWhatTheValueBecomes() {
        InvalidHyperparameterException huge = assertThrows(InvalidHyperparameterException.class,
                () -> ArturoConfig.builder().rho(1e40));
        assertEquals("rho = 1.0E40 is invalid: valid range is (0, 3.4028235E38] as float32 (not below 1.17549435E-38,"
                + " the smallest normal float32); it is Infinity in float32", huge.getMessage());
        assertTrue(assertThrows(InvalidHyperparameterException.class, () -> ArturoConfig.builder().epsilon(1e-50))
                .getMessage().endsWith("it underflows to 0 in float32"));
        assertTrue(assertThrows(InvalidHyperparameterException.class, () -> ArturoConfig.builder().weightDecay(1e-40))
                .getMessage().contains("subnormal"));
        assertTrue(assertThrows(InvalidHyperparameterException.class,
                () -> ArturoConfig.builder().surrogate(Surrogate.ADAM_MOMENTS).adamBeta2(0.9999999999))
                .getMessage().endsWith("it rounds to 1.0 in float32"));
    }

    @Test
    void theFloat32BoundsThemselvesAreAccepted() {
        ArturoConfig.builder().epsilon(Float.MIN_NORMAL).epsilon(Float.MAX_VALUE).rho(Float.MIN_NORMAL).nu(Float.MIN_NORMAL)
                .lambda(Float.MAX_VALUE).q(0).q(Float.MIN_NORMAL).a0(0).r(Float.MIN_NORMAL).p0(Float.MIN_NORMAL)
                .varInit(Float.MIN_NORMAL).varInit(0x1p126).weightDecay(0).weightDecay(Float.MIN_NORMAL);
        ArturoConfig.builder().solver(Solver.BISECTION).etaMax(Float.MAX_VALUE / 2).etaTol(Float.MIN_NORMAL);
        ArturoConfig.builder().solver(Solver.FIXED).fixedEta(0x1p126).fixedEta(Float.MIN_NORMAL);
        ArturoConfig.builder().surrogate(Surrogate.ADAM_MOMENTS).adamBeta1(Math.nextDown(1f)).adamBeta2(Float.MIN_NORMAL);
        ArturoConfig.builder().solverTolerance(Float.MIN_NORMAL).solverTolerance(Math.nextDown(0.5f));
    }

    // ---- bounds that span several values: checked at build(), blamed on the value set last ----

    /** The expected parameter of a cross-value error. */
    private static InvalidHyperparameterException buildFails(String parameter, Supplier<ArturoConfig.Builder> builder) {
        InvalidHyperparameterException e = assertThrows(InvalidHyperparameterException.class, () -> builder.get().build());
        assertEquals(parameter, e.parameter(), e.getMessage());
        assertTrue(e.getMessage().startsWith(parameter + " = "), e.getMessage());
        assertTrue(e.getMessage().contains("valid range is " + e.validRange()), e.getMessage());
        return e;
    }

    @Test
    void epsilonTimesWeightDecayIsBlamedOnTheValueSetLast() {
        // ε = 1e6 is a fine float32, but ε·weightDecay (default 1.54e-6) ≥ 1: epsilon was set last.
        InvalidHyperparameterException e = buildFails("epsilon", () -> ArturoConfig.builder().epsilon(1e6));
        assertTrue(e.getMessage().contains("with weightDecay = 1.5403963328610538E-6"), e.getMessage());
        buildFails("epsilon", () -> ArturoConfig.builder().weightDecay(3).epsilon(0.5));
        buildFails("weightDecay", () -> ArturoConfig.builder().epsilon(0.5).weightDecay(3));
        buildFails("weightDecay", () -> ArturoPreset.CIFAR10_RESNET34.builder().weightDecay(1000));
        // Neither set in this builder, nor the schedule: both are named.
        ArturoConfig loose = ArturoConfig.builder().epsilon(0.5).weightDecay(3)
                .schedule(Schedules.piecewise(new long[] {10}, new double[] {0.5, 0.25})).build();
        // The schedule was the only change: it is blamed (its factors no longer stay below 1/(ε·weightDecay)).
        buildFails("schedule", () -> loose.toBuilder().schedule(Schedules.constant()));
        assertEquals(loose.toString(), loose.toBuilder().build().toString(), "a valid configuration rebuilds");
        // Nothing set at all (unreachable through a builder that starts valid): both are named.
        InvalidHyperparameterException both = assertThrows(InvalidHyperparameterException.class,
                () -> Check.decayKeepsSign("epsilon", 0.5, 3, Schedules.constant(), 1, new Check.SetOrder()));
        assertEquals("epsilon·weightDecay", both.parameter());
    }

    @Test
    void epsilonOf1e300AloneIsBlamedOnEpsilon() {
        InvalidHyperparameterException e = assertThrows(InvalidHyperparameterException.class,
                () -> ArturoConfig.builder().epsilon(1e300));
        assertEquals("epsilon", e.parameter());
        assertEquals("1.0E300", e.value());
    }

    @Test
    void aScheduleWhoseFactorsExceedOneIsCheckedAtItsLargestFactor() {
        // ε·weightDecay = 0.5 at step 0, but ×10 from step 10: ε_t·weightDecay = 5 would flip the sign.
        InvalidHyperparameterException e = buildFails("schedule", () -> ArturoConfig.builder().epsilon(0.5).weightDecay(1)
                .schedule(Schedules.piecewise(new long[] {10}, new double[] {1, 10})));
        assertTrue(e.getMessage().contains("largest factor 10.0"), e.getMessage());
        assertTrue(e.getMessage().contains("< 1/(epsilon·weightDecay) = 2.0"), e.getMessage());
        buildFails("schedule", () -> ArturoConfig.builder().epsilon(0.5).weightDecay(1)
                .schedule(Schedules.multiStep(3, 100)));
        buildFails("schedule", () -> ArturoConfig.builder().epsilon(0.5).weightDecay(1)
                .schedule(Schedules.warmup(5, Schedules.multiStep(3, 100))));
        // ε_t must be a finite float32: multiStep(1e30, …) once skipped every later step.
        InvalidHyperparameterException overflow = buildFails("schedule", () -> ArturoConfig.builder().epsilon(1e10)
                .weightDecay(0).schedule(Schedules.multiStep(1e30, 5)));
        assertTrue(overflow.getMessage().contains("epsilon·factor(t) must be a finite float32"), overflow.getMessage());
        // Factors below 1 loosen the bound; weight decay 0 has none.
        ArturoConfig.builder().epsilon(0.5).weightDecay(3).schedule(Schedules.piecewise(new long[] {10}, new double[] {0.5, 0.1}))
                .build();
        ArturoConfig.builder().epsilon(3e38).weightDecay(0).build();
    }

    @Test
    void priorTermsAreNormalFloat32s() {
        // ρλ = 1e-40 is subnormal: h = quad + ρλ would lose the prior.
        InvalidHyperparameterException e = buildFails("lambda", () -> ArturoConfig.builder().rho(1e-20).lambda(1e-20));
        assertTrue(e.getMessage().contains("rho·lambda"), e.getMessage());
        buildFails("rho", () -> ArturoConfig.builder().lambda(1e-20).rho(1e-20));
        buildFails("rho", () -> ArturoConfig.builder().lambda(1e30).rho(1e10));
        // 1/(ρ + ν) must be normal: ρ + ν ≤ 2^126.
        buildFails("rho", () -> ArturoConfig.builder().rho(1e38));
        buildFails("nu", () -> ArturoConfig.builder().nu(1e38));
        // The precision floor ρλ/(ρ + ν) = 1e-30/1e10 is subnormal: a negative curvature could zero the precision.
        InvalidHyperparameterException floor = buildFails("nu",
                () -> ArturoConfig.builder().rho(1e-10).lambda(1e-20).nu(1e10));
        assertTrue(floor.getMessage().contains("precision floor"), floor.getMessage());
    }

    @Test
    void theFiltersFirstInnovationVarianceIsFinite() {
        assertEquals("q", assertThrows(InvalidHyperparameterException.class,
                () -> ArturoConfig.builder().p0(2e38).q(2e38)).parameter());
        assertEquals("p0", assertThrows(InvalidHyperparameterException.class,
                () -> ArturoConfig.builder().r(3e38).p0(1e38)).parameter());
        assertEquals("r", assertThrows(InvalidHyperparameterException.class,
                () -> ArturoConfig.builder().q(3e38).r(1e38)).parameter());
        assertEquals("p0 + q + r", assertThrows(InvalidHyperparameterException.class,
                () -> new Surrogate.Kalman(2e38, 2e38, 1, 0)).parameter());
    }

    @Test
    void aCustomScheduleMustReportHonestBounds() {
        Schedule negative = new FixedSchedule(-1, 1);
        assertEquals("schedule", assertThrows(InvalidHyperparameterException.class,
                () -> ArturoConfig.builder().schedule(negative)).parameter());
        assertEquals("schedule", assertThrows(InvalidHyperparameterException.class,
                () -> ArturoConfig.builder().schedule(new FixedSchedule(0, Double.NaN))).parameter());
        assertEquals("schedule", assertThrows(InvalidHyperparameterException.class,
                () -> ArturoConfig.builder().schedule(new FixedSchedule(2, 1))).parameter());
        assertEquals("schedule", assertThrows(InvalidHyperparameterException.class,
                () -> ArturoConfig.builder().schedule(new FixedSchedule(0, 1e39))).parameter());
        ArturoConfig.builder().schedule(new FixedSchedule(0, 1)).build();
    }

    /** A schedule of one's own with given bounds (its values do not matter here). */
    private record FixedSchedule(double minFactor, double maxFactor) implements Schedule {
        @Override
        public Operand<Float> factor(Ops tf, Operand<Float> step) {
            return tf.constant((float) maxFactor);
        }

        @Override
        public double factorAt(long step) {
            return maxFactor;
        }
    }

    @Test
    void theDefaultsAndEveryPresetValidateWithThePaperSchedule() {
        ArturoConfig.defaults();
        for (ArturoPreset preset : ArturoPreset.values()) {
            preset.config();
            preset.builder().schedule(preset.paperSchedule(preset.task().paperEpochs(), 938)).build();
            preset.builder().schedule(preset.paperSchedule(10, 1)).solver(Solver.BISECTION).build();
            preset.builder().surrogate(Surrogate.ADAM_MOMENTS).solver(Solver.FIXED).build();
        }
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
                new RecordCase("adamBeta2", () -> Surrogate.ADAM_MOMENTS.withBeta2(-INF), -INF),
                new RecordCase("q", () -> Surrogate.KALMAN.withQ(HUGE), HUGE),
                new RecordCase("r", () -> new Surrogate.Kalman(0.01, TINY, 1e-4, 0.1), TINY),
                new RecordCase("etaMax", () -> new Solver.Bisection(0.5, HUGE, 30), HUGE),
                new RecordCase("fixedEta", () -> new Solver.Fixed(HUGE), HUGE),
                new RecordCase("solverTolerance", () -> new Solver.Exact(SUBNORMAL, 30), SUBNORMAL),
                new RecordCase("adamBeta1", () -> new Surrogate.AdamMoments(0.9999999999, 0.9), 0.9999999999));
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
