package org.arturo.tf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.arturo.tf.arturo.ArturoConfig;
import org.arturo.tf.arturo.ArturoOptimizer;
import org.arturo.tf.baselines.AdamConfig;
import org.arturo.tf.baselines.AdamOptimizer;
import org.arturo.tf.baselines.SgdConfig;
import org.arturo.tf.baselines.SgdOptimizer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The soak of docs/reliability.md: 10,000 steps on a noisy non-convex problem (a double well in half
 * of the coordinates, so the curvature is negative around the start) with NaN, ±∞, 1e20 and 1e6
 * gradient elements injected at random steps. Nothing non-finite ever reaches parameters or state,
 * the skip counters equal the injected faults, and the loss (mean of the last 500 steps) ends within 5%
 * of the fault-free run's decrease from the start.
 */
class OptimizerSoakTest {
    private static final int STEPS = 10_000;
    private static final int DIMENSION = 64;
    /** Each fault kind strikes a step with this probability (5 kinds: about 1.5% of the steps). */
    private static final double FAULT_RATE = 0.003;
    /** The faulted run's final loss may exceed the clean run's by this share of the clean run's decrease. */
    private static final double LOSS_MARGIN = 0.05;

    record SoakCase(String name, GraphOptimizer optimizer) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<SoakCase> cases() {
        return Stream.of(
                new SoakCase("arTuRO", new ArturoOptimizer(ArturoConfig.builder().epsilon(0.001).build())),
                new SoakCase("SGD momentum", new SgdOptimizer(SgdConfig.builder().learningRate(0.01).build())),
                new SoakCase("Adam", new AdamOptimizer(AdamConfig.builder().learningRate(0.01).build())),
                new SoakCase("AdamW", new AdamOptimizer(AdamConfig.adamWBuilder().learningRate(0.01).build())));
    }

    /** f(θ) = Σ a_j θ_j²/2 + b_j θ_j⁴/4, with a_j = −1 in the first half (a double well) and 2 in the second. */
    private static double loss(double[] theta) {
        double f = 0;
        for (int j = 0; j < theta.length; j++) {
            f += curvature(j) * theta[j] * theta[j] / 2 + 0.5 * Math.pow(theta[j], 4) / 4;
        }
        return f;
    }

    private static double curvature(int j) {
        return j < DIMENSION / 2 ? -1 : 2;
    }

    private static double[] gradient(double[] theta, Random noise) {
        double[] g = new double[theta.length];
        for (int j = 0; j < theta.length; j++) {
            g[j] = curvature(j) * theta[j] + 0.5 * Math.pow(theta[j], 3) + 0.3 * noise.nextGaussian();
        }
        return g;
    }

    /** What the faulted run met. */
    private record Faults(int nonFinite, int outliers) {
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void faultsAreSkippedCountedAndForgotten(SoakCase c) {
        Run clean = run(c.optimizer(), false);
        Run faulted = run(c.optimizer(), true);
        assertEquals(faulted.injected.nonFinite(), faulted.nonFiniteSkips, "non-finite skips = injected NaN/±∞ faults");
        assertEquals(faulted.injected.outliers(), faulted.outlierSkips, "outlier skips = injected 1e20/1e6 faults");
        double decrease = clean.initialLoss - clean.finalLoss;
        assertTrue(decrease > 1, c + ": the fault-free run must learn: " + clean.initialLoss + " -> " + clean.finalLoss);
        assertTrue(faulted.finalLoss <= clean.finalLoss + LOSS_MARGIN * decrease,
                c + ": final loss " + faulted.finalLoss + " against fault-free " + clean.finalLoss);
    }

    private static final class Run {
        double initialLoss;
        double finalLoss;
        long nonFiniteSkips;
        long outlierSkips;
        Faults injected;
    }

    private static Run run(GraphOptimizer optimizer, boolean inject) {
        Random start = new Random(7);
        double[] initial = new double[DIMENSION];
        for (int j = 0; j < DIMENSION; j++) {
            initial[j] = 0.1 * start.nextGaussian();
        }
        Random noise = new Random(11);
        Random faults = new Random(13);
        int nonFinite = 0;
        int outliers = 0;
        double lossTail = 0;
        try (GraphHarness h = new GraphHarness(new long[][] {{DIMENSION}}, new double[][] {initial})) {
            h.build(optimizer);
            List<org.tensorflow.op.core.Variable<Float>> everything = new ArrayList<>(h.parameters);
            everything.addAll(h.state.variables());
            for (int t = 0; t < STEPS; t++) {
                double[] theta = h.parameterValues()[0];
                if (t >= STEPS - 500) {
                    lossTail += loss(theta) / 500;
                }
                double[] g = gradient(theta, noise);
                boolean faulted = false;
                if (inject && t > 0) {
                    int kind = faults.nextDouble() < 5 * FAULT_RATE ? faults.nextInt(5) : -1;
                    double[] values = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e20, 1e6};
                    if (kind >= 0) {
                        g[faults.nextInt(DIMENSION)] = values[kind];
                        faulted = true;
                        if (kind < 3) {
                            nonFinite++;
                        } else {
                            outliers++;
                        }
                    }
                }
                h.step(g);
                if (faulted || t % 10 == 0) {
                    for (float[] v : h.read(everything)) {
                        for (float x : v) {
                            if (!Float.isFinite(x)) {
                                fail("step " + t + ": a non-finite value reached parameters or state");
                            }
                        }
                    }
                }
            }
            DiagnosticValues d = h.diagnostics();
            Run run = new Run();
            run.initialLoss = loss(initial);
            run.finalLoss = lossTail;
            run.nonFiniteSkips = d.skippedSteps();
            run.outlierSkips = d.outlierSteps();
            run.injected = new Faults(nonFinite, outliers);
            assertEquals(STEPS - nonFinite - outliers, d.step(), "applied steps; " + d);
            return run;
        }
    }
}
