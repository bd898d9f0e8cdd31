package org.arturo.tf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A NaN or ±∞ anywhere in a gradient skips the whole step: parameters and all state unchanged, the
 * skipped counter +1, and the steps that follow equal a run that never saw the bad gradient.
 */
class NonFiniteGradientTest {
    private static final List<long[]> SHAPES = List.of(new long[] {4, 3}, new long[] {3});
    private static final int STEPS = 8;

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Solver solver : Solver.values()) {
            for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
                for (int at : new int[] {0, 3}) {
                    cases.add(Arguments.of(solver, bad, at));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}: gradient element {1} at step {2}")
    @MethodSource("cases")
    void skipsTheStepAndLeavesEverythingAsIfItNeverHappened(Solver solver, double bad, int at) {
        ArturoConfig config = ArturoConfig.builder().solver(solver).epsilon(0.05).weightDecay(1e-3).build();
        List<double[]> initial = GradientStreams.randomValues(SHAPES, 0.5, 1);
        List<List<double[]>> grads = GradientStreams.gaussian(SHAPES, STEPS, 1.0, 2);

        List<float[]> clean;
        List<float[]> cleanState;
        try (TfHarness h = new TfHarness(SHAPES, initial)) {
            h.build(config);
            grads.forEach(h::step);
            clean = h.parameters();
            cleanState = h.read(h.update.state().allVariables());
        }

        try (TfHarness h = new TfHarness(SHAPES, initial)) {
            ArturoUpdate update = h.build(config);
            for (int t = 0; t < STEPS; t++) {
                if (t == at) {
                    List<float[]> before = h.read(everything(h));
                    h.step(GradientStreams.poisoned(grads.get(t), 1, 2, bad));
                    List<float[]> after = h.read(everything(h));
                    assertUnchangedExceptSkippedCounter(h, before, after);
                }
                h.step(grads.get(t));
            }
            assertAllEqual(clean, h.parameters());
            List<float[]> state = h.read(update.state().allVariables());
            int skippedIndex = update.state().allVariables().indexOf(update.state().skippedSteps);
            assertEquals(1f, state.get(skippedIndex)[0], "skipped steps");
            state.set(skippedIndex, cleanState.get(skippedIndex));
            assertAllEqual(cleanState, state);
            ArturoDiagnostics.Values d = update.diagnostics().read(h.session);
            assertEquals(STEPS, d.step());
            assertEquals(1, d.skippedSteps());
        }
    }


    private static List<org.tensorflow.op.core.Variable<Float>> everything(TfHarness h) {
        List<org.tensorflow.op.core.Variable<Float>> all = new ArrayList<>(h.parameters);
        all.addAll(h.update.state().allVariables());
        return all;
    }

    private static void assertUnchangedExceptSkippedCounter(TfHarness h, List<float[]> before, List<float[]> after) {
        int skipped = h.parameters.size() + h.update.state().allVariables().indexOf(h.update.state().skippedSteps);
        for (int i = 0; i < before.size(); i++) {
            if (i == skipped) {
                assertEquals(before.get(i)[0] + 1, after.get(i)[0], "skipped counter advances by one");
            } else {
                assertArrayEquals(before.get(i), after.get(i), "variable " + i + " changed by a skipped step");
            }
        }
    }

    private static void assertAllEqual(List<float[]> expected, List<float[]> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), "tensor " + i);
        }
    }
}
