package org.arturo.training.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.tensorflow.Operand;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.junit.jupiter.api.Test;

/** V3 on a 5-4-3 tanh MLP with softmax cross-entropy: equal to micro-batches of one example each. */
class WithinBatchVarianceTest {
    private static float[] random(Random r, int n, double scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (scale * r.nextGaussian());
        }
        return a;
    }

    private record Mlp(ModelGraph model, List<DenseLayer> layers) {
    }

    private static Mlp mlp(Models m) {
        Random r = new Random(4);
        Variable<Float> w1 = m.variable("w1", new long[] {5, 4}, random(r, 20, 0.7));
        Variable<Float> b1 = m.variable("b1", new long[] {4}, random(r, 4, 0.1));
        Variable<Float> w2 = m.variable("w2", new long[] {4, 3}, random(r, 12, 0.7));
        Variable<Float> b2 = m.variable("b2", new long[] {3}, random(r, 3, 0.1));
        Placeholder<Float> x = m.input("x", 5);
        Placeholder<Float> y = m.input("y", 3);
        Operand<Float> z1 = m.tf.math.add(m.tf.linalg.matMul(x, w1), b1);
        Operand<Float> h = m.tf.math.tanh(z1);
        Operand<Float> z2 = m.tf.math.add(m.tf.linalg.matMul(h, w2), b2);
        Operand<Float> loss = m.tf.math.mean(m.tf.nn.softmaxCrossEntropyWithLogits(z2, y).loss(), m.tf.constant(0));
        ModelGraph model = m.model(List.of(x, y), loss);
        return new Mlp(model, List.of(new DenseLayer(x, z1, w1, b1), new DenseLayer(h, z2, w2, b2)));
    }

    private static Batch batch(int rows) {
        Random r = new Random(9);
        float[] labels = new float[rows * 3];
        for (int i = 0; i < rows; i++) {
            labels[i * 3 + r.nextInt(3)] = 1;
        }
        return new Batch(List.of(random(r, rows * 5, 1), labels), List.of(new long[] {5}, new long[] {3}));
    }

    @Test
    void itEqualsMicroBatchesOfOneExampleEach() {
        try (Models m = new Models()) {
            Mlp mlp = mlp(m);
            GradientEvaluator evaluator = new GradientEvaluator(mlp.model());
            Batch batch = batch(12);
            MicroBatchVariance.Statistics within = new WithinBatchVariance(evaluator, mlp.layers()).estimate(batch);
            MicroBatchVariance.Statistics perExample = new MicroBatchVariance(evaluator, 12).estimate(batch);
            assertEquals(perExample.loss(), within.loss(), 1e-6);
            assertEquals(12, within.microBatches());
            double largest = 0;
            for (int v = 0; v < 4; v++) {
                assertArrayEquals(perExample.meanGradient().get(v), within.meanGradient().get(v), 1e-6f);
                for (int j = 0; j < within.perExampleVariance().get(v).length; j++) {
                    double expected = perExample.perExampleVariance().get(v)[j];
                    largest = Math.max(largest, expected);
                    assertEquals(expected, within.perExampleVariance().get(v)[j], 1e-5 + 1e-4 * expected,
                            "variable " + v + " element " + j);
                }
            }
            assertTrue(largest > 1e-3, "the test sees real variances, largest " + largest);
            assertEquals(perExample.trace(), within.trace(), 1e-4 * perExample.trace());
        }
    }

    @Test
    void everyVariableMustBelongToADeclaredLayer() {
        try (Models m = new Models()) {
            Mlp mlp = mlp(m);
            GradientEvaluator evaluator = new GradientEvaluator(mlp.model());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new WithinBatchVariance(evaluator, mlp.layers().subList(0, 1)));
            assertTrue(e.getMessage().contains("w2"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> new WithinBatchVariance(evaluator, List.of()));
        }
    }
}
