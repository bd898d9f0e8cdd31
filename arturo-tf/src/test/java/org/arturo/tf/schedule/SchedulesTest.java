package org.arturo.tf.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

/** Each schedule, in the graph and on the host, equals its closed form at chosen steps. */
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
