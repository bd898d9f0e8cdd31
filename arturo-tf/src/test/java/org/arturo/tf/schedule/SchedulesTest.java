package org.arturo.tf.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.LongToDoubleFunction;
import java.util.stream.Stream;
import org.arturo.tf.InvalidHyperparameterException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;

/**
 * Each schedule, in the graph and on the host, equals its closed form at chosen steps and reports the
 * bounds of its factors; factories reject factors that are not normal float32s and steps beyond the
 * float32 step counter's 2^24, naming the parameter.
 */
class SchedulesTest {
    private static final long[] STEPS = {0, 1, 2, 9, 10, 11, 99, 100, 101, 149, 150, 151, 999, 1000, 5000};
    static Stream<Arguments> schedules() {
        return Stream.of(
                Arguments.of("constant", Schedules.constant(), (LongToDoubleFunction) t -> 1.0),
                Arguments.of("multiStep", Schedules.multiStep(0.1, 100, 150),
                        (LongToDoubleFunction) t -> t < 100 ? 1.0 : t < 150 ? 0.1 : 0.01),
                Arguments.of("multiStepEpochs", Schedules.multiStepEpochs(0.006, 50, 2, 3),
                        (LongToDoubleFunction) t -> t < 100 ? 1.0 : t < 150 ? 0.006 : 0.006 * 0.006),
                Arguments.of("exponential", Schedules.exponential(0.5, 100, false),
                        (LongToDoubleFunction) t -> Math.pow(0.5, t / 100.0)),
                Arguments.of("exponential staircase", Schedules.exponential(0.5, 100, true),
                        (LongToDoubleFunction) t -> Math.pow(0.5, Math.floor(t / 100.0))),
                Arguments.of("exponentialEpochs", Schedules.exponentialEpochs(0.9, 10),
                        (LongToDoubleFunction) t -> Math.pow(0.9, Math.floor(t / 10.0))),
                Arguments.of("cosine", Schedules.cosine(1000, 0.1),
                        (LongToDoubleFunction) t -> 0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI * Math.min(t, 1000) / 1000.0))),
                Arguments.of("cosineEpochs", Schedules.cosineEpochs(10, 0.0, 100),
                        (LongToDoubleFunction) t -> 0.5 * (1 + Math.cos(Math.PI * Math.min(t, 1000) / 1000.0))),
                Arguments.of("warmup + multiStep", Schedules.warmup(10, Schedules.multiStep(0.1, 100)),
                        (LongToDoubleFunction) t -> Math.min(1.0, (t + 1) / 10.0) * (t < 100 ? 1.0 : 0.1)),
                Arguments.of("warmupEpochs + cosine", Schedules.warmupEpochs(1, 10, Schedules.cosine(1000, 0.0)),
                        (LongToDoubleFunction) t -> Math.min(1.0, (t + 1) / 10.0)
                                * 0.5 * (1 + Math.cos(Math.PI * Math.min(t, 1000) / 1000.0))),
                Arguments.of("piecewise", Schedules.piecewise(new long[] {10, 100}, new double[] {2.0, 1.0, 0.25}),
                        (LongToDoubleFunction) t -> t < 10 ? 2.0 : t < 100 ? 1.0 : 0.25),
                Arguments.of("piecewiseEpochs", Schedules.piecewiseEpochs(new long[] {1, 15}, new double[] {1, 0.5, 0.1}, 10),
                        (LongToDoubleFunction) t -> t < 10 ? 1.0 : t < 150 ? 0.5 : 0.1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schedules")
    void matchesTheClosedForm(String name, Schedule schedule, LongToDoubleFunction closedForm) {
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            Placeholder<Float> step = tf.placeholder(Float.class);
            assertMatches(name, schedule, closedForm, session, step, schedule.factor(tf, step));
        }
    }

    private static void assertMatches(String name, Schedule schedule, LongToDoubleFunction closedForm, Session session,
                                      Placeholder<Float> step, Operand<Float> factor) {
        for (long t : STEPS) {
            double expected = closedForm.applyAsDouble(t);
            assertEquals(expected, schedule.factorAt(t), 1e-12 * Math.max(1, expected), name + " host, step " + t);
            try (Tensor<Float> in = Tensor.create((float) t, Float.class);
                 Tensor<?> out = session.runner().feed(step, in).fetch(factor).run().get(0)) {
                assertEquals(expected, out.floatValue(), 2e-6 * Math.max(1, expected), name + " graph, step " + t);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schedules")
    void factorBoundsHoldEveryFactor(String name, Schedule schedule, LongToDoubleFunction closedForm) {
        double max = schedule.maxFactor();
        double min = schedule.minFactor();
        assertTrue(0 <= min && min <= max && max <= Float.MAX_VALUE, name + ": " + min + " to " + max);
        for (long t = 0; t <= 6000; t++) {
            double f = schedule.factorAt(t);
            assertTrue(min <= f * (1 + 1e-12) && f <= max * (1 + 1e-12), name + " step " + t + ": " + f);
        }
        assertTrue(schedule.factorAt(Schedules.MAX_STEP) >= min, name);
    }

    @Test
    void factorBoundsAreTheExtremes() {
        assertBounds(Schedules.constant(), 1, 1);
        assertBounds(Schedules.multiStep(0.1, 10, 20), 1, 0.01);
        assertBounds(Schedules.multiStep(3, 10, 20), 9, 1);
        assertBounds(Schedules.exponential(0.5, 100, false), 1, 0);                  // 0.5^167772 underflows
        assertBounds(Schedules.exponential(0.999999, 1, false), 1, Math.pow(0.999999, Schedules.MAX_STEP));
        assertBounds(Schedules.exponential(1, 10, true), 1, 1);
        assertBounds(Schedules.cosine(100, 0.25), 1, 0.25);
        assertBounds(Schedules.cosine(100, 0), 1, 0);
        assertBounds(Schedules.piecewise(new long[] {5, 10}, new double[] {0.5, 4, 2}), 4, 0.5);
        // Warm-up: the ramp is in [1/W, 1], the schedule after it bounds the rest.
        assertBounds(Schedules.warmup(10, Schedules.constant()), 1, 0.1);
        assertBounds(Schedules.warmup(4, Schedules.piecewise(new long[] {50}, new double[] {1, 8})), 8, 0.25);
        assertBounds(Schedules.warmup(2, Schedules.warmup(5, Schedules.multiStep(0.5, 100))), 1, 0.05);
    }

    private static void assertBounds(Schedule schedule, double max, double min) {
        assertEquals(max, schedule.maxFactor(), 1e-12 * max, schedule + " max");
        assertEquals(min, schedule.minFactor(), 1e-12 * Math.max(min, 1e-300), schedule + " min");
    }

    @Test
    void factorsMustBeNormalFloat32s() {
        // multiStep(1e30, …) once skipped every later step: (1e30)^2 is ∞ in float32.
        InvalidHyperparameterException gamma = assertThrows(InvalidHyperparameterException.class,
                () -> Schedules.multiStep(1e30, 5, 10));
        assertEquals("gamma", gamma.parameter());
        assertTrue(gamma.getMessage().contains("with 2 milestones: gamma^2 must be a normal float32"), gamma.getMessage());
        assertEquals("gamma", assertThrows(InvalidHyperparameterException.class,
                () -> Schedules.multiStep(1e-20, 5, 10)).parameter());                // 1e-40: subnormal
        assertEquals("gamma", assertThrows(InvalidHyperparameterException.class,
                () -> Schedules.multiStep(1e40, 5)).parameter());
        Schedules.multiStep(1e30, 5);                                                 // one milestone: 1e30 is fine
        Schedules.multiStep(2e-19, 5, 10);                                           // 4e-38 is normal
        // exponential(1e10, …) drove a loss to 9e28: a rate above 1 grows without bound.
        InvalidHyperparameterException rate = assertThrows(InvalidHyperparameterException.class,
                () -> Schedules.exponential(1e10, 1, false));
        assertEquals("rate", rate.parameter());
        assertTrue(rate.validRange().startsWith("(0, 1] as float32"), rate.validRange());
        assertEquals("rate", assertThrows(InvalidHyperparameterException.class,
                () -> Schedules.exponential(1.0001, 100, true)).parameter());
        assertEquals("rate", assertThrows(InvalidHyperparameterException.class,
                () -> Schedules.exponentialEpochs(1.5, 10)).parameter());
        assertEquals("rate", assertThrows(InvalidHyperparameterException.class,
                () -> Schedules.exponential(1e-50, 10, false)).parameter());
        assertEquals("factors[1]", assertThrows(InvalidHyperparameterException.class,
                () -> Schedules.piecewise(new long[] {5}, new double[] {1, 1e40})).parameter());
        assertEquals("factors[0]", assertThrows(InvalidHyperparameterException.class,
                () -> Schedules.piecewise(new long[] {5}, new double[] {1e-40, 1})).parameter());
        assertEquals("floor", assertThrows(InvalidHyperparameterException.class,
                () -> Schedules.cosine(10, 1e-40)).parameter());
        assertEquals("floor", assertThrows(InvalidHyperparameterException.class,
                () -> Schedules.cosine(10, 1e-50)).parameter());
        Schedules.cosine(10, 0);
        Schedules.cosine(10, Float.MIN_NORMAL);
    }

    @Test
    void stepsBeyondTheFloat32CounterAreRejected() {
        long max = Schedules.MAX_STEP;
        assertEquals(1L << 24, max);
        Schedules.multiStep(0.1, max);
        Schedules.cosine(max, 0);
        Schedules.warmup(max, Schedules.constant());
        InvalidHyperparameterException milestone = assertThrows(InvalidHyperparameterException.class,
                () -> Schedules.multiStep(0.1, 10, max + 1));
        assertEquals("milestones[1]", milestone.parameter());
        assertTrue(milestone.getMessage().contains("2^24 = 16777216"), milestone.getMessage());
        assertEquals("boundaries[0]", assertThrows(InvalidHyperparameterException.class,
                () -> Schedules.piecewise(new long[] {max + 1}, new double[] {1, 0.5})).parameter());
        assertEquals("totalSteps", assertThrows(InvalidHyperparameterException.class,
                () -> Schedules.cosine(max + 1, 0)).parameter());
        assertEquals("warmupSteps", assertThrows(InvalidHyperparameterException.class,
                () -> Schedules.warmup(max + 1, Schedules.constant())).parameter());
        assertEquals("stepsPerEpoch", assertThrows(InvalidHyperparameterException.class,
                () -> Schedules.multiStepEpochs(0.1, max + 1, 1)).parameter());
    }

    @Test
    void hugeEpochsNameTheParameterNotALongOverflow() {
        // 2^62 epochs × 938 steps used to overflow a long: "long overflow".
        InvalidHyperparameterException milestone = assertThrows(InvalidHyperparameterException.class,
                () -> Schedules.multiStepEpochs(0.1, 938, 10, 1L << 62));
        assertEquals("milestones[1]", milestone.parameter());
        assertEquals((1L << 62) + " epochs", milestone.value());
        assertTrue(milestone.validRange().startsWith("[0, 17886] epochs at 938 steps per epoch"), milestone.validRange());
        assertEquals("boundaries[0]", assertThrows(InvalidHyperparameterException.class,
                () -> Schedules.piecewiseEpochs(new long[] {Long.MAX_VALUE}, new double[] {1, 0.1}, 938)).parameter());
        assertEquals("totalEpochs", assertThrows(InvalidHyperparameterException.class,
                () -> Schedules.cosineEpochs(Long.MAX_VALUE, 0, 938)).parameter());
        assertEquals("warmupEpochs", assertThrows(InvalidHyperparameterException.class,
                () -> Schedules.warmupEpochs(1L << 40, 938, Schedules.constant())).parameter());
        assertEquals("epochs[0]", assertThrows(InvalidHyperparameterException.class,
                () -> Schedules.epochsToSteps(938, Long.MAX_VALUE)).parameter());
        assertEquals("epochs[0]", assertThrows(InvalidHyperparameterException.class,
                () -> Schedules.epochsToSteps(938, -1)).parameter());
        assertEquals(17886, Schedules.maxEpochs(938));
        Schedule last = Schedules.multiStepEpochs(0.1, 938, 17886);            // starts at step 16776868 ≤ 2^24
        assertEquals(0.1, last.factorAt(17886L * 938), 1e-15);
    }

    @Test
    void checkFactorBoundsRejectsDishonestBounds() {
        Schedule fine = Schedules.multiStep(0.5, 3);
        assertSame(fine, Schedules.checkFactorBounds("schedule", fine));
        Schedule negative = new Schedule() {
            @Override
            public Operand<Float> factor(Ops tf, Operand<Float> step) {
                return tf.constant(-1f);
            }

            @Override
            public double factorAt(long step) {
                return -1;
            }

            @Override
            public double maxFactor() {
                return -1;
            }

            @Override
            public double minFactor() {
                return -1;
            }
        };
        assertEquals("schedule", assertThrows(InvalidHyperparameterException.class,
                () -> Schedules.checkFactorBounds("schedule", negative)).parameter());
    }

    @Test
    void rejectsBadArgumentsByName() {
        assertEquals("gamma", assertThrows(InvalidHyperparameterException.class,
                () -> Schedules.multiStep(Double.NaN, 10)).parameter());
        assertEquals("milestones[1]", assertThrows(InvalidHyperparameterException.class,
                () -> Schedules.multiStep(0.1, 10, 10)).parameter());
        assertEquals("milestones[0]", assertThrows(InvalidHyperparameterException.class,
                () -> Schedules.multiStep(0.1, 0)).parameter());
        assertEquals("stepsPerEpoch", assertThrows(InvalidHyperparameterException.class,
                () -> Schedules.multiStepEpochs(0.1, 0, 5)).parameter());
        assertEquals("rate", assertThrows(InvalidHyperparameterException.class,
                () -> Schedules.exponential(-1, 10, false)).parameter());
        assertEquals("decaySteps", assertThrows(InvalidHyperparameterException.class,
                () -> Schedules.exponential(0.5, 0, false)).parameter());
        assertEquals("floor", assertThrows(InvalidHyperparameterException.class,
                () -> Schedules.cosine(10, 1.5)).parameter());
        assertEquals("totalSteps", assertThrows(InvalidHyperparameterException.class,
                () -> Schedules.cosine(0, 0.1)).parameter());
        assertEquals("warmupSteps", assertThrows(InvalidHyperparameterException.class,
                () -> Schedules.warmup(0, Schedules.constant())).parameter());
        assertEquals("after", assertThrows(InvalidHyperparameterException.class,
                () -> Schedules.warmup(5, null)).parameter());
        assertEquals("factors", assertThrows(InvalidHyperparameterException.class,
                () -> Schedules.piecewise(new long[] {5}, new double[] {1})).parameter());
        assertEquals("factors[1]", assertThrows(InvalidHyperparameterException.class,
                () -> Schedules.piecewise(new long[] {5}, new double[] {1, Double.POSITIVE_INFINITY})).parameter());
    }
}
