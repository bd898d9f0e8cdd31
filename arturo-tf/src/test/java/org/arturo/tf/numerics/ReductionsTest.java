package org.arturo.tf.numerics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.arturo.tf.numerics.Reductions.Accumulation;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Operation;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.op.Ops;

class ReductionsTest {

    /** 1 + a + a with a = ¾·2⁻²⁴: float32 adding 1 first loses both a; the exact sum rounds up. */
    @Test
    void theDoubleSumRoundsTheExactSumOnce() {
        float a = 0.75f * (float) Math.pow(2, -24);
        float exact = 1f + (float) Math.pow(2, -23);
        assertEquals(exact, sum(Accumulation.DOUBLE, new float[] {1f, a, a}));
        assertEquals(exact, sum(Accumulation.DOUBLE, new float[] {1f}, new float[] {a}, new float[] {a}));
    }

    /** Many positive terms of mixed size, like C's: the float64 sum is the exact sum, rounded once. */
    @Test
    void theDoubleSumOfManyTermsIsTheCorrectlyRoundedExactSum() {
        Random random = new Random(7);
        float[] first = new float[100_000];
        float[] second = new float[3_001];
        BigDecimal exact = BigDecimal.ZERO;
        for (float[] part : List.of(first, second)) {
            for (int i = 0; i < part.length; i++) {
                part[i] = (float) Math.exp(12 * random.nextGaussian());
                exact = exact.add(new BigDecimal(part[i]));
            }
        }
        assertEquals(exact.floatValue(), sum(Accumulation.DOUBLE, first, second));
    }

    @Test
    void theFloatSumAddsNoCast() {
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            Reductions.sumOfAll(tf, List.of(tf.constant(new float[] {1f, 2f})), Accumulation.FLOAT);
            assertFalse(hasCast(graph));
            Reductions.sumOfAll(tf, List.of(tf.constant(new float[] {1f, 2f})), Accumulation.DOUBLE);
            assertTrue(hasCast(graph));
        }
    }

    private static float sum(Accumulation accumulation, float[]... parts) {
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            List<Operand<Float>> tensors = new ArrayList<>();
            for (float[] part : parts) {
                tensors.add(tf.constant(part));
            }
            try (Tensor<Float> result = session.runner()
                    .fetch(Reductions.sumOfAll(tf, tensors, accumulation)).run().get(0).expect(Float.class)) {
                return result.floatValue();
            }
        }
    }

    private static boolean hasCast(Graph graph) {
        for (Iterator<Operation> it = graph.operations(); it.hasNext();) {
            if (it.next().type().equals("Cast")) {
                return true;
            }
        }
        return false;
    }
}
