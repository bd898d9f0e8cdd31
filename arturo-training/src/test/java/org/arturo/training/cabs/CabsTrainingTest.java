package org.arturo.training.cabs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.arturo.training.graph.Batch;
import org.arturo.training.graph.ModelGraph;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Shape;
import org.tensorflow.Tensor;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.junit.jupiter.api.Test;

/** CABS on a linear regression with label noise: y = x·w* + 0.5·noise, 8 features, 4000 examples. */
class CabsTrainingTest {
    private static final int FEATURES = 8;
    private static final int EXAMPLES = 4000;

    private static final class Regression implements AutoCloseable {
        final Graph graph = new Graph();
        final Ops tf = Ops.create(graph);
        final Session session = new Session(graph);
        final Variable<Float> w;
        final ModelGraph model;

        Regression() {
            w = tf.variable(Shape.make(FEATURES, 1), Float.class);
            Placeholder<Float> x = tf.placeholder(Float.class, Placeholder.shape(Shape.make(-1, FEATURES)));
            Placeholder<Float> y = tf.placeholder(Float.class, Placeholder.shape(Shape.make(-1, 1)));
            Operand<Float> error = tf.math.sub(tf.linalg.matMul(x, w), y);
            Operand<Float> loss = tf.math.mean(tf.math.mul(tf.constant(0.5f), tf.math.mul(error, error)), tf.constant(new int[] {0, 1}));
            session.runner().addTarget(tf.assign(w, tf.zeros(tf.constant(new long[] {FEATURES, 1}), Float.class))).run();
            model = new ModelGraph(tf, session, List.of(x, y), loss, List.of(w));
        }

        float[] weights() {
            try (Tensor<?> t = session.runner().fetch(w).run().get(0)) {
                FloatBuffer b = FloatBuffer.allocate(FEATURES);
                t.expect(Float.class).writeTo(b);
                return b.array();
            }
        }

        @Override
        public void close() {
            session.close();
            graph.close();
        }
    }

    private static Batch data() {
        Random r = new Random(11);
        float[] x = new float[EXAMPLES * FEATURES];
        float[] y = new float[EXAMPLES];
        for (int i = 0; i < EXAMPLES; i++) {
            double target = 0;
            for (int j = 0; j < FEATURES; j++) {
                x[i * FEATURES + j] = (float) r.nextGaussian();
                target += x[i * FEATURES + j] * (j + 1) * 0.25;
            }
            y[i] = (float) (target + 0.5 * r.nextGaussian());
        }
        return new Batch(List.of(x, y), List.of(new long[] {FEATURES}, new long[] {1}));
    }

    private static List<CabsTraining.Step> run(Regression regression, CabsConfig config, long seed, long examples) {
        CabsTraining training = CabsTraining.sgd(regression.model, config, data(), seed, 4);
        List<CabsTraining.Step> steps = new ArrayList<>();
        while (steps.isEmpty() || steps.get(steps.size() - 1).examplesSeen() < examples) {
            steps.add(training.step());
        }
        return steps;
    }

    @Test
    void eachStepUsesTheSizeTheRuleChoseAndTheLossFalls() {
        // For this problem tr(Σ)/f ≈ 2·(8 + 2) at any w (Gaussian x), so α·tr(Σ)/f ≈ 1: c = 20 lifts the
        // sizes above m_min, where they follow the noisy ratio.
        CabsConfig config = CabsConfig.builder().learningRate(0.05).c(20).minBatchSize(8).maxBatchSize(512).build();
        try (Regression regression = new Regression()) {
            List<CabsTraining.Step> steps = run(regression, config, 1, 20_000);
            assertEquals(8, steps.get(0).batchSize(), "the first batch has m_min examples");
            long seen = 0;
            for (int t = 0; t < steps.size(); t++) {
                CabsTraining.Step s = steps.get(t);
                seen += s.batchSize();
                assertEquals(seen, s.examplesSeen());
                if (t > 0) {
                    assertEquals(steps.get(t - 1).nextBatchSize(), s.batchSize(), "step " + t);
                }
                assertTrue(s.batchSize() >= 8 && s.batchSize() <= 512);
                // The next size is the raw one, rounded half to even and clipped to the bounds.
                assertEquals((int) Math.min(512, Math.max(8, Math.rint(s.rawBatchSize()))), s.nextBatchSize(), "step " + t);
            }
            double early = steps.subList(0, 10).stream().mapToDouble(CabsTraining.Step::loss).average().orElseThrow();
            int n = steps.size();
            double late = steps.subList(n - 10, n).stream().mapToDouble(CabsTraining.Step::loss).average().orElseThrow();
            // The noise floor is ½·0.5² = 0.125; from w = 0 the loss starts near ½·Σ(j/4)² + 0.125 ≈ 6.5.
            assertTrue(early > 1 && late < 0.3, "loss " + early + " → " + late);
            // ξ/f near 2·(8 + 2) = 20 (a little less at the noise floor, where the label noise adds σ²·8 to tr Σ
            // and σ²/2 to f): the sizes settle around c·α·20 = 20.
            double meanSize = steps.subList(n / 2, n).stream().mapToInt(CabsTraining.Step::batchSize).average().orElseThrow();
            assertTrue(meanSize > 12 && meanSize < 30, "mean batch size in the second half " + meanSize);
        }
    }

    @Test
    void theSameSeedGivesTheSameRun() {
        CabsConfig config = CabsConfig.builder().learningRate(0.05).minBatchSize(8).maxBatchSize(512).build();
        float[] first;
        try (Regression regression = new Regression()) {
            run(regression, config, 7, 3000);
            first = regression.weights();
        }
        try (Regression regression = new Regression()) {
            run(regression, config, 7, 3000);
            assertArrayEquals(first, regression.weights());
        }
    }

    @Test
    void microBatchesMustFitTheSmallestBatch() {
        CabsConfig config = CabsConfig.builder().learningRate(0.05).minBatchSize(4).build();
        try (Regression regression = new Regression()) {
            assertThrows(IllegalArgumentException.class, () -> CabsTraining.sgd(regression.model, config, data(), 1, 5));
        }
    }
}
