package org.arturo.training.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class GradientEvaluatorTest {
    @Test
    void lossAndGradientOfTheBatchMeanForAnyBatchSize() {
        try (Models m = new Models()) {
            GradientEvaluator evaluator = new GradientEvaluator(Models.meanDistance(m, 2));
            // w = 0; rows (1, 2) and (3, 6): loss = mean ½‖x‖² = ½·(5 + 45)/2 = 12.5, gradient = mean(w − x) = (−2, −4).
            GradientEvaluator.Evaluation two = evaluator.evaluate(new Batch(List.of(new float[] {1, 2, 3, 6}), List.of(new long[] {2})));
            assertEquals(12.5, two.loss(), 1e-6);
            assertEquals(-2, two.gradients().get(0)[0], 1e-6);
            assertEquals(-4, two.gradients().get(0)[1], 1e-6);
            GradientEvaluator.Evaluation one = evaluator.evaluate(new Batch(List.of(new float[] {1, 2}), List.of(new long[] {2})));
            assertEquals(2.5, one.loss(), 1e-6);
            assertEquals(-1, one.gradients().get(0)[0], 1e-6);
        }
    }

    @Test
    void aBatchMustMatchTheModel() {
        assertThrows(IllegalArgumentException.class, () -> new Batch(List.of(new float[] {1, 2, 3}), List.of(new long[] {2})));
        assertThrows(IllegalArgumentException.class, () -> new Batch(List.of(new float[] {1, 2}, new float[] {1, 2, 3}),
                List.of(new long[] {2}, new long[] {1})));
        Batch b = new Batch(List.of(new float[] {1, 2, 3, 4, 5, 6}), List.of(new long[] {2}));
        assertEquals(3, b.size());
        assertEquals(2, b.slice(1, 3).size());
        assertThrows(IllegalArgumentException.class, () -> b.slice(2, 2));
    }
}
