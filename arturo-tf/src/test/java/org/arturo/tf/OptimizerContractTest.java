package org.arturo.tf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.arturo.tf.arturo.ArturoConfig;
import org.arturo.tf.arturo.ArturoDiagnostics;
import org.arturo.tf.arturo.ArturoOptimizer;
import org.arturo.tf.arturo.Solver;
import org.arturo.tf.arturo.Surrogate;
import org.arturo.tf.baselines.AdamConfig;
import org.arturo.tf.baselines.AdamOptimizer;
import org.arturo.tf.baselines.SgdConfig;
import org.arturo.tf.baselines.SgdOptimizer;
import org.arturo.tf.kernel.Kernel;
import org.arturo.tf.kernel.NativeKernel;
import org.arturo.tf.noise.NoiseAwareConfig;
import org.arturo.tf.noise.NoiseAwareConfig.Method;
import org.arturo.tf.noise.NoiseAwareOptimizer;
import org.arturo.tf.schedule.Schedule;
import org.arturo.tf.schedule.Schedules;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.Operand;
import org.tensorflow.op.core.Variable;

/**
 * What every optimizer of the library promises, checked on each one: a non-finite gradient skips the
 * step bit for bit, state is created through the host's factory under the optimizer's names and costs
 * what the docs say, a checkpoint restores a run exactly, diagnostics are read one way, and the
 * schedule is applied. A new optimizer joins with one line in {@link #CASES}.
 */
class OptimizerContractTest {
    /**
     * One optimizer under contract.
     *
     * @param name                 shown in test names
     * @param factory              the optimizer with the given schedule (of ε for arTuRO, of the learning rate
     *                             otherwise); its other hyperparameters fixed, weight decay on
     * @param stateBytesPerElement float32 bytes of per-parameter state (slots) per parameter element
     */
    record ContractCase(String name, Function<Schedule, GraphOptimizer> factory, int stateBytesPerElement) {
        GraphOptimizer build(Schedule schedule) {
            return factory.apply(schedule);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Every optimizer of the library; arTuRO's exact step on each of its kernels. */
    static final List<ContractCase> CASES = withNativeKernel(List.of(
            arturoExact(Kernel.GRAPH),
            new ContractCase("arTuRO bisection", s -> new ArturoOptimizer(ArturoConfig.builder()
                    .solver(Solver.BISECTION).epsilon(0.05).weightDecay(1e-3).schedule(s).build()), 24),
            new ContractCase("arTuRO fixed-η", s -> new ArturoOptimizer(ArturoConfig.builder()
                    .solver(Solver.FIXED).epsilon(0.05).weightDecay(1e-3).schedule(s).build()), 24),
            new ContractCase("arTuRO Adam moments", s -> new ArturoOptimizer(ArturoConfig.builder()
                    .surrogate(Surrogate.ADAM_MOMENTS).epsilon(0.05).weightDecay(1e-3).schedule(s).build()), 12),
            new ContractCase("SGD momentum", s -> new SgdOptimizer(SgdConfig.builder()
                    .learningRate(0.1).momentum(0.9).weightDecay(0.01).schedule(s).build()), 4),
            new ContractCase("SGD plain", s -> new SgdOptimizer(SgdConfig.builder()
                    .learningRate(0.1).momentum(0).weightDecay(0.01).schedule(s).build()), 0),
            new ContractCase("Adam", s -> new AdamOptimizer(AdamConfig.builder()
                    .learningRate(0.05).weightDecay(0.01).schedule(s).build()), 8),
            new ContractCase("AdamW", s -> new AdamOptimizer(AdamConfig.adamWBuilder()
                    .learningRate(0.05).weightDecay(0.2).schedule(s).build()), 8),
            new ContractCase("SSD", s -> new NoiseAwareOptimizer(NoiseAwareConfig.builder(Method.SSD)
                    .learningRate(0.01).weightDecay(0.01).schedule(s).build()), 0),
            new ContractCase("M-SGD", s -> new NoiseAwareOptimizer(NoiseAwareConfig.builder(Method.M_SGD)
                    .learningRate(0.1).beta(0.8).weightDecay(0.01).schedule(s).build()), 4),
            new ContractCase("M-SSD", s -> new NoiseAwareOptimizer(NoiseAwareConfig.builder(Method.M_SSD)
                    .learningRate(0.01).beta(0.8).weightDecay(0.01).schedule(s).build()), 4),
            new ContractCase("SVAG", s -> new NoiseAwareOptimizer(NoiseAwareConfig.builder(Method.SVAG)
                    .learningRate(0.1).beta(0.8).weightDecay(0.01).schedule(s).build()), 8),
            new ContractCase("M-SVAG", s -> new NoiseAwareOptimizer(NoiseAwareConfig.builder(Method.M_SVAG)
                    .learningRate(0.1).beta(0.8).weightDecay(0.01).schedule(s).build()), 8),
            new ContractCase("Adam*", s -> new NoiseAwareOptimizer(NoiseAwareConfig.builder(Method.ADAM_STAR)
                    .learningRate(0.01).beta(0.8).weightDecay(0.01).schedule(s).build()), 8),
            new ContractCase("M-SVAG minibatch variance", s -> new NoiseAwareOptimizer(NoiseAwareConfig.builder(Method.M_SVAG_MB)
                    .learningRate(0.1).beta(0.8).weightDecay(0.01).schedule(s).build()), 8),
            new ContractCase("arTuRO estimated noise", s -> new ArturoOptimizer(ArturoConfig.builder()
                    .measurementNoise(Surrogate.MeasurementNoise.ESTIMATED).schedule(s).build()), 32)));

    private static ContractCase arturoExact(Kernel kernel) {
        return new ContractCase("arTuRO exact (" + kernel.name().toLowerCase(java.util.Locale.ROOT) + ")",
                s -> new ArturoOptimizer(ArturoConfig.builder().solver(Solver.EXACT).epsilon(0.05).weightDecay(1e-3)
                        .schedule(s).kernel(kernel).build()), 24);
    }

    /** The native kernel's case wherever the build shipped it (NativeKernelTest checks that it loads). */
    private static List<ContractCase> withNativeKernel(List<ContractCase> cases) {
        if (!NativeKernel.shipped()) {
            return cases;
        }
        List<ContractCase> all = new ArrayList<>(cases);
        all.add(1, arturoExact(Kernel.NATIVE));
        return List.copyOf(all);
    }

    /**
     * The diagnostics that report a scheduled value of the last applied step: the learning rate, or
     * arTuRO's ε_t. Each optimizer reports exactly one of them.
     */
    private static final List<Diagnostic> SCHEDULED_VALUES =
            List.of(Diagnostic.LEARNING_RATE, ArturoDiagnostics.EPSILON);

    private static final List<long[]> SHAPES = List.of(new long[] {4, 3}, new long[] {3});
    private static final List<double[]> INITIAL = GradientStreams.randomValues(SHAPES, 0.5, 1);
    private static final int STEPS = 8;
    private static final List<List<double[]>> GRADIENTS = GradientStreams.gaussian(SHAPES, STEPS, 1.0, 2);
    /** The schedule drops ×0.1 from the 0-based step 2 on, so the third step is the first after it. */
    private static final long MILESTONE = 2;
    private static final double GAMMA = 0.1;

    static Stream<ContractCase> cases() {
        return CASES.stream();
    }

    private static Schedule schedule(boolean multiStep) {
        return multiStep ? Schedules.multiStep(GAMMA, MILESTONE) : Schedules.constant();
    }

    // 1. Non-finite skip, bit-exact.

    static Stream<Arguments> nonFiniteGradients() {
        List<Arguments> arguments = new ArrayList<>();
        for (ContractCase c : CASES) {
            for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
                for (int at : new int[] {0, 1, 3}) {
                    arguments.add(Arguments.of(c, bad, at));
                }
            }
        }
        return arguments.stream();
    }

    @ParameterizedTest(name = "{0}: gradient element {1} at step {2}")
    @MethodSource("nonFiniteGradients")
    void aNonFiniteGradientSkipsTheStepAndLeavesNoTrace(ContractCase c, double bad, int at) {
        for (boolean multiStep : new boolean[] {false, true}) {
            String context = c + (multiStep ? ", multi-step schedule" : ", constant schedule");
            Run clean = clean(c, multiStep);
            try (GraphHarness h = new GraphHarness(SHAPES, INITIAL)) {
                GraphOptimizer optimizer = c.build(schedule(multiStep));
                h.build(optimizer);
                List<Variable<Float>> all = h.checkpointVariables();
                int skipped = all.indexOf(h.stateVariable("/" + optimizer.stateName() + "_skipped_steps"));
                for (int t = 0; t < STEPS; t++) {
                    if (t == at) {
                        List<float[]> before = h.read(all);
                        h.step(GradientStreams.poisoned(GRADIENTS.get(t), 1, 2, bad));
                        List<float[]> after = h.read(all);
                        for (int i = 0; i < all.size(); i++) {
                            String what = context + ": " + name(all.get(i)) + " after the bad step";
                            if (i == skipped) {
                                assertEquals(before.get(i)[0] + 1, after.get(i)[0], what + ": skipped counter +1");
                            } else {
                                assertBitsEqual(before.get(i), after.get(i), what);
                            }
                        }
                    }
                    h.step(GRADIENTS.get(t));
                }
                List<float[]> values = h.read(all);
                assertEquals(1f, values.get(skipped)[0], context + ": skipped steps");
                assertEquals(0f, clean.values.get(skipped)[0], context + ": the clean run skipped nothing");
                for (int i = 0; i < all.size(); i++) {
                    if (i != skipped) {
                        assertBitsEqual(clean.values.get(i), values.get(i),
                                context + ": " + name(all.get(i)) + " equals a run that never saw the bad gradient");
                    }
                }
                DiagnosticValues d = h.diagnostics();
                assertEquals(STEPS, d.step(), context);
                assertEquals(1, d.skippedSteps(), context);
                assertReadEqualsFetch(h, d, context);
            }
        }
    }

    // 1b. Outlier skip: parameters and state as if the step never happened; only the outlier counter and
    //     the guard's gradient scale (which moves by at most log(factor), docs/algorithm.md) record it.

    static Stream<Arguments> outlierGradients() {
        List<Arguments> arguments = new ArrayList<>();
        for (ContractCase c : CASES) {
            for (double huge : new double[] {1e6, -1e20, Float.MAX_VALUE}) {
                arguments.add(Arguments.of(c, huge));
            }
        }
        return arguments.stream();
    }

    @ParameterizedTest(name = "{0}: gradient element {1} at step 3")
    @MethodSource("outlierGradients")
    void anOutlierGradientSkipsTheStepAndIsCountedApart(ContractCase c, double huge) {
        int at = 3;
        Run clean = clean(c, false);
        try (GraphHarness h = new GraphHarness(SHAPES, INITIAL)) {
            GraphOptimizer optimizer = c.build(schedule(false));
            h.build(optimizer);
            List<Variable<Float>> all = h.checkpointVariables();
            int outliers = all.indexOf(h.stateVariable("/" + optimizer.stateName() + "_outlier_steps"));
            int scale = all.indexOf(h.stateVariable("/" + optimizer.stateName() + "_gradient_scale"));
            for (int t = 0; t < STEPS; t++) {
                if (t == at) {
                    h.step(GradientStreams.poisoned(GRADIENTS.get(t), 0, 5, huge));
                }
                h.step(GRADIENTS.get(t));
            }
            List<float[]> values = h.read(all);
            assertEquals(1f, values.get(outliers)[0], c + ": outlier steps");
            for (int i = 0; i < all.size(); i++) {
                if (i != outliers && i != scale) {
                    assertBitsEqual(clean.values.get(i), values.get(i),
                            c + ": " + name(all.get(i)) + " equals a run that never saw the outlier");
                }
            }
            DiagnosticValues d = h.diagnostics();
            assertEquals(STEPS, d.step(), c.toString());
            assertEquals(0, d.skippedSteps(), c + ": an outlier is not counted as non-finite");
            assertEquals(1, d.outlierSteps(), c.toString());
        }
    }

    // 2. State layout and bytes per parameter.

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void stateIsCreatedThroughTheFactoryUnderTheOptimizersNames(ContractCase c) {
        try (GraphHarness h = new GraphHarness(SHAPES, INITIAL)) {
            GraphOptimizer optimizer = c.build(Schedules.constant());
            OptimizerUpdate update = h.build(optimizer);
            long parameterElements = 0;
            for (Variable<Float> p : h.parameters) {
                long n = GraphHarness.elements(p);
                parameterElements += n;
                long slots = h.stateRequests().stream().filter(r -> r.startsWith(p.op().name() + ":")).count();
                assertEquals(c.stateBytesPerElement(), 4 * slots, c + ": slot bytes per element of " + p.op().name()
                        + ", requests " + h.stateRequests());
            }
            assertEquals(c.stateBytesPerElement() * parameterElements, 4 * h.recorder.slotElements(),
                    c + ": state bytes per parameter element × parameter elements");
            assertEquals(h.stateRequests().size(), h.state.variables().size(),
                    c + ": every state variable was created through the factory");

            String prefix = optimizer.stateName() + "_";
            List<String> scalars = h.recorder.scalarNames();
            for (String scalar : scalars) {
                assertTrue(scalar.startsWith(prefix), c + ": scalar '" + scalar + "' is named " + prefix + "...");
            }
            assertTrue(scalars.contains(prefix + "step"), c + ": " + scalars);
            assertTrue(scalars.contains(prefix + "skipped_steps"), c + ": " + scalars);

            List<Diagnostic> diagnostics = new ArrayList<>(update.diagnostics().operands().keySet());
            assertTrue(diagnostics.contains(Diagnostic.STEP), c + ": " + diagnostics);
            assertTrue(diagnostics.contains(Diagnostic.SKIPPED_STEPS), c + ": " + diagnostics);
            assertEquals(List.of(Diagnostic.STEP, Diagnostic.SKIPPED_STEPS), diagnostics.subList(0, 2),
                    c + ": the shared counters come first");
            assertEquals(1, diagnostics.stream().filter(SCHEDULED_VALUES::contains).count(),
                    c + ": reports one scheduled value of " + SCHEDULED_VALUES + ": " + diagnostics);
        }
    }

    // 3. Checkpoint round trip.

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aCheckpointRestoresTheRunBitForBit(ContractCase c) {
        int saveAfter = 3;
        List<float[]> saved;
        try (GraphHarness h = new GraphHarness(SHAPES, INITIAL)) {
            h.build(c.build(schedule(true)));
            for (int t = 0; t < saveAfter; t++) {
                h.step(GRADIENTS.get(t));
            }
            saved = h.read(h.checkpointVariables());
        }
        Run uninterrupted = clean(c, true);
        try (GraphHarness h = new GraphHarness(SHAPES, INITIAL)) {
            h.build(c.build(schedule(true)));
            List<Variable<Float>> all = h.checkpointVariables();
            h.assign(all, saved);
            for (int t = saveAfter; t < STEPS; t++) {
                h.step(GRADIENTS.get(t));
            }
            List<float[]> values = h.read(all);
            assertEquals(uninterrupted.values.size(), values.size());
            for (int i = 0; i < all.size(); i++) {
                assertBitsEqual(uninterrupted.values.get(i), values.get(i),
                        c + ": " + name(all.get(i)) + " after a restore at step " + saveAfter);
            }
            assertEquals(uninterrupted.diagnostics.get(STEPS - 1).asMap(), h.diagnostics().asMap(), c.toString());
        }
    }

    // 4. Diagnostics.

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void diagnosticsCountStepsAndReadOneWay(ContractCase c) {
        try (GraphHarness h = new GraphHarness(SHAPES, INITIAL)) {
            h.build(c.build(Schedules.constant()));
            for (int n = 0; n <= STEPS; n++) {
                if (n > 0) {
                    h.step(GRADIENTS.get(n - 1));
                }
                DiagnosticValues d = h.diagnostics();
                String context = c + " after " + n + " steps: " + d;
                assertEquals(n, d.step(), context);
                assertEquals(0, d.skippedSteps(), context);
                for (double value : d.asMap().values()) {
                    assertTrue(Double.isFinite(value), context);
                }
                assertReadEqualsFetch(h, d, context);
            }
        }
    }

    // 5. Schedules applied.

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theScheduleIsApplied(ContractCase c) {
        Run scheduled = clean(c, true);
        Run constant = clean(c, false);
        Diagnostic value = SCHEDULED_VALUES.stream().filter(scheduled.diagnostics.get(0)::has).findFirst()
                .orElseThrow(() -> new AssertionError(c + " reports none of " + SCHEDULED_VALUES));
        // After MILESTONE steps the last applied step ran before the milestone; after one more, after it.
        float before = (float) scheduled.diagnostics.get((int) MILESTONE - 1).get(value);
        float after = (float) scheduled.diagnostics.get((int) MILESTONE).get(value);
        assertEquals(before * (float) GAMMA, after, 0f, c + ": " + value + " drops ×" + GAMMA + " at the milestone");
        assertEquals(before, (float) constant.diagnostics.get((int) MILESTONE).get(value), 0f,
                c + ": " + value + " with a constant schedule");

        for (int t = 0; t < STEPS; t++) {
            boolean same = bitsEqual(constant.parameters.get(t), scheduled.parameters.get(t));
            if (t < MILESTONE) {
                assertTrue(same, c + ": step " + t + " ran before the milestone, so the schedule cannot show");
            } else if (t == MILESTONE || t == STEPS - 1) {
                assertFalse(same, c + ": step " + t + " ran after the milestone, with the scheduled value ×" + GAMMA);
            }
        }
    }

    // The clean runs every property compares against.

    /** One run over the whole gradient stream: parameters and diagnostics after each step, everything at the end. */
    private record Run(List<List<float[]>> parameters, List<DiagnosticValues> diagnostics, List<float[]> values) {
    }

    private static final Map<String, Run> CLEAN = new ConcurrentHashMap<>();

    private static Run clean(ContractCase c, boolean multiStep) {
        return CLEAN.computeIfAbsent(c.name() + (multiStep ? "/multiStep" : "/constant"), k -> {
            try (GraphHarness h = new GraphHarness(SHAPES, INITIAL)) {
                h.build(c.build(schedule(multiStep)));
                List<List<float[]>> parameters = new ArrayList<>();
                List<DiagnosticValues> diagnostics = new ArrayList<>();
                for (List<double[]> g : GRADIENTS) {
                    h.step(g);
                    parameters.add(h.parameters());
                    diagnostics.add(h.diagnostics());
                }
                return new Run(parameters, diagnostics, h.read(h.checkpointVariables()));
            }
        });
    }

    // Helpers.

    /** {@link Diagnostics#read} gives what fetching {@link Diagnostics#operands()} in a session gives. */
    private static void assertReadEqualsFetch(GraphHarness h, DiagnosticValues read, String context) {
        Map<Diagnostic, Operand<Float>> operands = h.update.diagnostics().operands();
        List<Diagnostic> keys = new ArrayList<>(operands.keySet());
        List<float[]> fetched = h.read(keys.stream().map(operands::get).toList());
        assertEquals(keys.stream().map(Diagnostic::name).toList(), new ArrayList<>(read.asMap().keySet()), context);
        for (int i = 0; i < keys.size(); i++) {
            Diagnostic k = keys.get(i);
            assertTrue(read.has(k), context);
            assertEquals(fetched.get(i)[0], (float) read.get(k), 0f, context + ": " + k);
            assertTrue(h.update.diagnostics().operand(k).isPresent(), context);
            if (k.counter()) {
                assertEquals(Math.round(fetched.get(i)[0]), read.count(k), context + ": " + k);
            }
        }
    }

    private static boolean bitsEqual(List<float[]> expected, List<float[]> actual) {
        for (int i = 0; i < expected.size(); i++) {
            for (int j = 0; j < expected.get(i).length; j++) {
                if (Float.floatToRawIntBits(expected.get(i)[j]) != Float.floatToRawIntBits(actual.get(i)[j])) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void assertBitsEqual(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int j = 0; j < expected.length; j++) {
            if (Float.floatToRawIntBits(expected[j]) != Float.floatToRawIntBits(actual[j])) {
                fail(what + ": element " + j + " is " + actual[j] + ", expected " + expected[j] + " bit for bit");
            }
        }
    }

    private static String name(Variable<Float> v) {
        return v.op().name();
    }
}
