package org.arturo.tf.arturo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.arturo.tf.DiagnosticValues;
import org.arturo.tf.GradientStreams;
import org.arturo.tf.GraphHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.op.core.Variable;

/** Inputs at the edges never write NaN/Inf into parameters or state, and precision stays positive. */
class EdgeCaseTest {
    private static final List<long[]> SHAPES = List.of(new long[] {5, 4}, new long[] {4});
    private static final int STEPS = 30;

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Solver solver : Solver.values()) {
            cases.add(Arguments.of(solver, "zero gradients", 0.05, 0.0));
            cases.add(Arguments.of(solver, "huge gradients", 0.05, 1e30));
            cases.add(Arguments.of(solver, "tiny epsilon", 1e-30, 1.0));
            cases.add(Arguments.of(solver, "large epsilon", 1e6, 1.0));
        }
        // The estimated measurement noise divides by tensor means of g² and (g − m)²: all-zero and
        // overflowing gradients are its edges.
        cases.add(Arguments.of(Solver.EXACT, "estimated noise, zero gradients", 0.05, 0.0));
        cases.add(Arguments.of(Solver.EXACT, "estimated noise, huge gradients", 0.05, 1e30));
        cases.add(Arguments.of(Solver.EXACT, "estimated noise, gradients near sqrt(FLT_MAX)", 0.05, 1e19));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void neverWritesNonFiniteValues(Solver solver, String label, double epsilon, double gradientScale) {
        ArturoConfig config = ArturoConfig.builder().solver(solver).epsilon(epsilon).weightDecay(0)
                .measurementNoise(label.startsWith("estimated noise") ? Surrogate.MeasurementNoise.ESTIMATED
                        : Surrogate.MeasurementNoise.FIXED).build();
        List<List<double[]>> grads = GradientStreams.gaussian(SHAPES, STEPS, gradientScale, 11);
        try (GraphHarness h = new GraphHarness(SHAPES, GradientStreams.randomValues(SHAPES, 0.5, 12))) {
            h.build(new ArturoOptimizer(config));
            for (List<double[]> g : grads) {
                h.step(g);
                assertFiniteAndPositivePrecision(h);
            }
            DiagnosticValues d = h.diagnostics();
            assertEquals(STEPS, d.step() + d.skippedSteps(), "every step either applied or skipped");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("solvers")
    void zeroGradientsFromTheStartLeaveParametersWhereTheyAre(Solver solver) {
        List<double[]> initial = GradientStreams.randomValues(SHAPES, 0.5, 13);
        ArturoConfig config = ArturoConfig.builder().solver(solver).weightDecay(0).build();
        List<double[]> zeros = GradientStreams.gaussian(SHAPES, 1, 0.0, 0).get(0);
        try (GraphHarness h = new GraphHarness(SHAPES, initial)) {
            h.build(new ArturoOptimizer(config));
            for (int t = 0; t < 5; t++) {
                h.step(zeros);
            }
            // lin = 0 and θ-proportional curvature: the surrogate's minimum stays near θ, moves are tiny.
            List<float[]> after = h.parameters();
            for (int i = 0; i < after.size(); i++) {
                for (int j = 0; j < after.get(i).length; j++) {
                    assertTrue(Float.isFinite(after.get(i)[j]));
                    assertTrue(Math.abs(after.get(i)[j]) <= Math.abs(initial.get(i)[j]) + 1e-6,
                            "zero gradients never push a parameter outward");
                }
            }
        }
    }

    static Stream<Solver> solvers() {
        return Stream.of(Solver.values());
    }

    private static void assertFiniteAndPositivePrecision(GraphHarness h) {
        for (float[] p : h.parameters()) {
            for (float v : p) {
                assertTrue(Float.isFinite(v), "parameter not finite");
            }
        }
        List<Variable<Float>> all = h.state.variables();
        List<float[]> values = h.read(all);
        for (int i = 0; i < values.size(); i++) {
            for (float v : values.get(i)) {
                assertTrue(Float.isFinite(v), "state variable " + all.get(i).op().name() + " not finite: " + v);
            }
        }
        for (float[] precision : h.read(h.slots(ArturoState.PRECISION))) {
            for (float v : precision) {
                assertTrue(v > 0, "precision must stay positive: " + v);
            }
        }
    }
}
