package org.arturo.tf.arturo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.arturo.tf.GradientStreams;
import org.arturo.tf.GraphHarness;
import org.arturo.tf.arturo.Surrogate.MeasurementNoise;
import org.arturo.tf.kernel.Kernel;
import org.junit.jupiter.params.ParameterizedTest;
import org.tensorflow.Operation;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The filter's scale invariance and the estimated measurement noise (docs/algorithm.md, "Noise-aware
 * arTuRO"): only q/r and P0/r matter; with the estimate, the first step is the fixed-r step and later
 * gains follow each element's noise.
 */
class NoiseAwareArturoTest {
    private static final List<long[]> SHAPES = List.of(new long[] {6, 5}, new long[] {5});
    private static final int STEPS = 40;

    /** The Fashion-MNIST filter with q, r and P0 multiplied by {@code c} (a0 is not a covariance). */
    private static ArturoConfig scaled(double c, MeasurementNoise noise) {
        Surrogate.Kalman k = Surrogate.KALMAN;
        return ArturoConfig.builder().weightDecay(1e-3)
                .surrogate(new Surrogate.Kalman(k.q() * c, k.r() * c, k.p0() * c, k.a0(), noise)).build();
    }

    private static List<float[]> run(ArturoConfig config, List<List<double[]>> grads, int steps) {
        try (GraphHarness h = new GraphHarness(SHAPES, GradientStreams.randomValues(SHAPES, 0.5, 3))) {
            h.build(new ArturoOptimizer(config));
            for (int t = 0; t < steps; t++) {
                h.step(grads.get(t));
            }
            assertEquals(steps, h.diagnostics().step(), "every step applied");
            return h.parameters();
        }
    }

    private static void assertClose(List<float[]> want, List<float[]> got, double relative, String what) {
        for (int i = 0; i < want.size(); i++) {
            for (int j = 0; j < want.get(i).length; j++) {
                double w = want.get(i)[j];
                double error = Math.abs(got.get(i)[j] - w) / (Math.abs(w) + 1e-3);
                assertTrue(error <= relative, String.format("%s: tensor %d element %d: %s vs %s (%.2e)",
                        what, i, j, got.get(i)[j], w, error));
            }
        }
    }

    @ParameterizedTest(name = "×{0}")
    @ValueSource(doubles = {1e-3, 1e3})
    void scalingRQAndP0TogetherLeavesTheTrajectoryUnchanged(double c) {
        List<List<double[]>> grads = GradientStreams.gaussian(SHAPES, STEPS, 0.3, 5);
        List<float[]> reference = run(scaled(1, MeasurementNoise.FIXED), grads, STEPS);
        assertClose(reference, run(scaled(c, MeasurementNoise.FIXED), grads, STEPS), 1e-4, "scaled ×" + c);
        // r alone is not redundant: the same factor on r only moves the parameters.
        Surrogate.Kalman k = Surrogate.KALMAN;
        List<float[]> rOnly = run(ArturoConfig.builder().weightDecay(1e-3).surrogate(k.withR(k.r() * c)).build(), grads, STEPS);
        double largest = 0;
        for (int i = 0; i < rOnly.size(); i++) {
            for (int j = 0; j < rOnly.get(i).length; j++) {
                largest = Math.max(largest, Math.abs(rOnly.get(i)[j] - reference.get(i)[j]));
            }
        }
        assertTrue(largest > 1e-3, "r ×" + c + " alone changed the parameters by only " + largest);
    }

    @ParameterizedTest(name = "×{0}")
    @ValueSource(doubles = {1e-3, 1e3})
    void theEstimatedNoiseUsesOnlyTheRatios(double c) {
        List<List<double[]>> grads = GradientStreams.gaussian(SHAPES, STEPS, 0.3, 6);
        assertClose(run(scaled(1, MeasurementNoise.ESTIMATED), grads, STEPS),
                run(scaled(c, MeasurementNoise.ESTIMATED), grads, STEPS), 1e-5, "estimated, scaled ×" + c);
    }

    @ParameterizedTest(name = "gradients ×{0}")
    @ValueSource(doubles = {1e-4, 1, 1e3})
    void theFirstStepWithTheEstimateIsTheFixedStep(double gradientScale) {
        // r_0 = r_prior, q_0 = (q/r)·r_prior and P0 = (P0/r)·r_prior: the fixed filter scaled by r_prior/r.
        List<List<double[]>> grads = GradientStreams.gaussian(SHAPES, 1, gradientScale, 7);
        assertClose(run(scaled(1, MeasurementNoise.FIXED), grads, 1), run(scaled(1, MeasurementNoise.ESTIMATED), grads, 1),
                1e-5, "first step");
    }

    @ParameterizedTest
    @EnumSource(MeasurementNoise.class)
    void aNoisyElementGetsASmallerGainThanAQuietOneOnlyWithTheEstimate(MeasurementNoise noise) {
        // Element 0 sees gradient 0.5 + N(0, 1), element 1 sees 0.5 + N(0, 0.01²); the rest sit at 0.5.
        List<long[]> shapes = List.of(new long[] {4});
        Random random = new Random(8);
        ArturoConfig config = ArturoConfig.builder().weightDecay(0).epsilon(1e-4)
                .surrogate(Surrogate.KALMAN.withMeasurementNoise(noise)).build();
        try (GraphHarness h = new GraphHarness(shapes, List.of(new double[] {0.1, 0.1, 0.1, 0.1}))) {
            h.build(new ArturoOptimizer(config));
            for (int t = 0; t < 60; t++) {
                h.step(new double[] {0.5 + random.nextGaussian(), 0.5 + 0.01 * random.nextGaussian(), 0.5, 0.5});
            }
            // One more step whose innovation δ = g − quad·θ − lin is 0.01 in both elements: lin moves by k0·δ.
            List<Double> gains = new ArrayList<>();
            float[] theta = h.parameters().get(0);
            float[] lin = h.read(h.slots(KalmanFit.LIN)).get(0);
            float[] quad = h.read(h.slots(KalmanFit.QUAD)).get(0);
            double[] g = new double[4];
            for (int j = 0; j < 4; j++) {
                g[j] = quad[j] * (double) theta[j] + lin[j] + 0.01;
            }
            h.step(g);
            float[] linAfter = h.read(h.slots(KalmanFit.LIN)).get(0);
            for (int j = 0; j < 2; j++) {
                double delta = (float) g[j] - ((double) quad[j] * theta[j] + lin[j]);
                gains.add((linAfter[j] - lin[j]) / delta);
            }
            double noisy = gains.get(0);
            double quiet = gains.get(1);
            assertTrue(noisy > 0 && quiet > 0, "gains " + gains);
            if (noise == MeasurementNoise.ESTIMATED) {
                // The variances differ 10⁴-fold, but the prior (the tensor's mean, weight ν0 = 2 of ~20)
                // keeps every r above ~10% of that mean: r differs ~40-fold, the gains ~4-fold.
                assertTrue(noisy * 3 < quiet, "estimated noise: gain of the noisy element " + noisy + ", quiet " + quiet);
            } else {
                assertEquals(1, noisy / quiet, 0.25, "fixed r: both elements get about the same gain " + gains);
            }
        }
    }

    /** How far one outlier gradient (30σ in element 0) moves lin[0], after 40 quiet steps. */
    private static double linMoveOnOutlier(MeasurementNoise noise) {
        List<long[]> shapes = List.of(new long[] {8});
        Random random = new Random(9);
        ArturoConfig config = ArturoConfig.builder().weightDecay(0).epsilon(1e-4)
                .surrogate(Surrogate.KALMAN.withMeasurementNoise(noise)).build();
        try (GraphHarness h = new GraphHarness(shapes, List.of(new double[8]))) {
            h.build(new ArturoOptimizer(config));
            double[] g = new double[8];
            for (int t = 0; t < 40; t++) {
                for (int j = 0; j < 8; j++) {
                    g[j] = 0.5 + 0.1 * random.nextGaussian();
                }
                h.step(g);
            }
            float before = h.read(h.slots(KalmanFit.LIN)).get(0)[0];
            for (int j = 0; j < 8; j++) {
                g[j] = 0.5 + 0.1 * random.nextGaussian();
            }
            g[0] = 0.5 + 3.0;   // 30σ: far below the outlier guard's factor 1000, so the step is applied
            h.step(g);
            assertEquals(41, h.diagnostics().step(), "the outlier step is applied");
            return Math.abs(h.read(h.slots(KalmanFit.LIN)).get(0)[0] - before);
        }
    }

    @org.junit.jupiter.api.Test
    void anOutlierThatPassesTheGuardMovesLinLessWithTheEstimate() {
        double fixed = linMoveOnOutlier(MeasurementNoise.FIXED);
        double estimated = linMoveOnOutlier(MeasurementNoise.ESTIMATED);
        // Fixed r: lin moves by the steady gain (~0.076) times the 3.0 jump. Estimated: the outlier
        // inflates its own element's r in the same step, and the gain collapses.
        assertTrue(fixed > 0.1, "fixed r: lin moved " + fixed);
        assertTrue(estimated * 5 < fixed, "estimated noise: lin moved " + estimated + ", fixed r " + fixed);
    }

    /**
     * The fixed q and r go into the graph as AsWritten constants, two per tensor; with the estimate the
     * filter uses its own per-element r and q_t, so it builds none of them (only the solver's ½ remains).
     */
    @ParameterizedTest
    @EnumSource(MeasurementNoise.class)
    void onlyTheFixedNoiseBuildsItsQAndRAsWrittenConstants(MeasurementNoise noise) {
        Surrogate.Kalman k = Surrogate.KALMAN;
        ArturoConfig config = ArturoConfig.builder().kernel(Kernel.GRAPH)
                .surrogate(new Surrogate.Kalman(k.q(), k.r(), k.p0(), k.a0(), noise)).build();
        try (GraphHarness h = new GraphHarness(SHAPES, GradientStreams.randomValues(SHAPES, 0.5, 3))) {
            h.build(new ArturoOptimizer(config));
            long asWritten = 0;
            for (Iterator<Operation> it = h.graph.operations(); it.hasNext(); ) {
                if (it.next().type().equals("PlaceholderWithDefault")) {
                    asWritten++;
                }
            }
            long solverHalf = 1;
            long expected = noise == MeasurementNoise.FIXED ? 2L * SHAPES.size() + solverHalf : solverHalf;
            assertEquals(expected, asWritten, "AsWritten constants with " + noise + " noise");
        }
    }
}
