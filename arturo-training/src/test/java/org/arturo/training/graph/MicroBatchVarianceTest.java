package org.arturo.training.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MicroBatchVarianceTest {
    private static final int ELEMENTS = 3;
    private static final double[] SCALES = {0.5, 2.0, 0.0};   // element 2: no variance at all

    /** A data set of 20,000 rows whose columns have standard deviations 0.5, 2 and 0. */
    private static float[] data(int rows, long seed) {
        Random random = new Random(seed);
        float[] x = new float[rows * ELEMENTS];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < ELEMENTS; j++) {
                x[r * ELEMENTS + j] = (float) (1 + SCALES[j] * random.nextGaussian());
            }
        }
        return x;
    }

    @Test
    void theEstimatesAreUnbiasedForThePerExampleAndTheMinibatchVariance() {
        int rows = 20_000;
        float[] x = data(rows, 1);
        double[] population = new double[ELEMENTS];   // the data set's own variance: the per-example Σ_jj
        for (int j = 0; j < ELEMENTS; j++) {
            double mean = 0;
            for (int r = 0; r < rows; r++) {
                mean += x[r * ELEMENTS + j] / (double) rows;
            }
            for (int r = 0; r < rows; r++) {
                double d = x[r * ELEMENTS + j] - mean;
                population[j] += d * d / rows;
            }
        }
        try (Models m = new Models()) {
            GradientEvaluator evaluator = new GradientEvaluator(Models.meanDistance(m, ELEMENTS));
            MicroBatchVariance estimator = new MicroBatchVariance(evaluator, 4);
            Batch all = new Batch(List.of(x), List.of(new long[] {ELEMENTS}));
            int batch = 62;   // parts of 15, 16, 15 and 16: unequal sizes keep the estimate unbiased too
            int batches = 300;
            double[] perExample = new double[ELEMENTS];
            double[] minibatch = new double[ELEMENTS];
            Random pick = new Random(2);
            for (int n = 0; n < batches; n++) {
                int start = pick.nextInt(rows - batch);
                MicroBatchVariance.Statistics s = estimator.estimate(all.slice(start, start + batch));
                for (int j = 0; j < ELEMENTS; j++) {
                    perExample[j] += s.perExampleVariance().get(0)[j] / batches;
                    minibatch[j] += s.minibatchVariance().get(0)[j] / batches;
                }
                assertEquals(s.perExampleVariance().get(0)[0] + s.perExampleVariance().get(0)[1]
                        + s.perExampleVariance().get(0)[2], s.trace(), 1e-9);
            }
            // 300 estimates with 3 degrees of freedom each: the mean's relative standard error is
            // √(2/3/300) ≈ 4.7%; 15% is three of them.
            for (int j = 0; j < 2; j++) {
                assertEquals(population[j], perExample[j], 0.15 * population[j], "per-example variance, element " + j);
                assertEquals(population[j] / batch, minibatch[j], 0.15 * population[j] / batch, "minibatch variance, element " + j);
            }
            assertEquals(0, perExample[2], 1e-9, "a column without variance");
        }
    }

    @Test
    void theMeanGradientAndLossAreTheWholeBatchs() {
        try (Models m = new Models()) {
            GradientEvaluator evaluator = new GradientEvaluator(Models.meanDistance(m, ELEMENTS));
            Batch batch = new Batch(List.of(data(61, 3)), List.of(new long[] {ELEMENTS}));
            GradientEvaluator.Evaluation whole = evaluator.evaluate(batch);
            MicroBatchVariance.Statistics s = new MicroBatchVariance(evaluator, 8).estimate(batch);
            assertEquals(whole.loss(), s.loss(), 1e-5 * whole.loss());
            for (int j = 0; j < ELEMENTS; j++) {
                assertEquals(whole.gradients().get(0)[j], s.meanGradient().get(0)[j], 1e-5);
            }
            assertTrue(s.trace() > 0);
        }
    }

    @Test
    void badSplitsAreRefused() {
        try (Models m = new Models()) {
            GradientEvaluator evaluator = new GradientEvaluator(Models.meanDistance(m, ELEMENTS));
            assertThrows(IllegalArgumentException.class, () -> new MicroBatchVariance(evaluator, 1));
            Batch batch = new Batch(List.of(data(3, 3)), List.of(new long[] {ELEMENTS}));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new MicroBatchVariance(evaluator, 4).estimate(batch));
            assertTrue(e.getMessage().contains("3") && e.getMessage().contains("4"), e.getMessage());
        }
    }
}
