package org.arturo.training.cabs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.arturo.tf.InvalidHyperparameterException;
import org.junit.jupiter.api.Test;

class CabsBatchSizeTest {
    private static CabsConfig config(double learningRate) {
        return CabsConfig.builder().learningRate(learningRate).minBatchSize(4).maxBatchSize(64).mu(0.5).build();
    }

    @Test
    void theBatchSizeIsAlphaTimesTheVarianceOverTheLossRoundedHalfToEvenAndClipped() {
        CabsBatchSize rule = new CabsBatchSize(config(0.1));
        assertEquals(4, rule.batchSize());
        // σ̂² = 0.5·100 = 50, f_avg = 0.5·0.5 = 0.25: raw = 0.1·50/0.25 = 20
        CabsBatchSize.Decision d = rule.update(0.5, 100);
        assertEquals(20, d.rawBatchSize(), 1e-12);
        assertEquals(20, rule.batchSize());
        // σ̂² = 25 + 0.5·ξ, f_avg = 0.125 + 0.25 = 0.375: ξ = 62.5 gives raw = 0.1·56.25/0.375 = 15 exactly;
        // ξ = 60.625 gives 0.1·55.3125/0.375 = 14.75 → 15; a tie 14.5 rounds to 14 (half to even).
        CabsBatchSize tie = new CabsBatchSize(config(0.1));
        tie.update(0.5, 100);
        assertEquals(14.5, tie.update(0.5, 58.75).rawBatchSize(), 1e-12);
        assertEquals(14, tie.batchSize());
        // Clipped at both ends, and a loss average of 0 gives m_max.
        assertEquals(64, new CabsBatchSize(config(100)).update(0.5, 100).nextBatchSize());
        assertEquals(4, new CabsBatchSize(config(1e-6)).update(0.5, 100).nextBatchSize());
        assertEquals(64, new CabsBatchSize(config(0.1)).update(0, 100).nextBatchSize());
    }

    @Test
    void unusableInputsLeaveTheRuleAsItWas() {
        CabsBatchSize rule = new CabsBatchSize(config(0.1));
        rule.update(0.5, 100);
        for (double[] bad : new double[][] {{Double.NaN, 1}, {0.5, Double.POSITIVE_INFINITY}, {0.5, -1}}) {
            CabsBatchSize.Decision d = rule.update(bad[0], bad[1]);
            assertEquals(20, d.nextBatchSize());
            assertEquals(50, rule.varianceAverage(), 0);
            assertEquals(0.25, rule.lossAverage(), 0);
        }
        assertEquals(3, rule.skippedUpdates());
    }

    @Test
    void theTraceEstimateIsUnbiasedForThePerExampleVariance() {
        // Per-example gradients 1, 3 (element 0) and 2, 2 (element 1): mean 2, 2; mean squares 5, 4.
        double[] mean = {2, 2};
        double[] squares = {5, 4};
        // Thesis: m/(m − 1)·Σ(mean square − mean²) = 2·(1 + 0) = 2, the sample variance (1/(m − 1))Σ(g_i − g)².
        assertEquals(2, CabsBatchSize.traceEstimate(CabsConfig.Variant.THESIS, 2, mean, squares), 1e-12);
        assertEquals(1, CabsBatchSize.traceEstimate(CabsConfig.Variant.REFERENCE, 2, mean, squares), 1e-12);
        assertThrows(IllegalArgumentException.class,
                () -> CabsBatchSize.traceEstimate(CabsConfig.Variant.THESIS, 1, mean, squares));
    }

    @Test
    void badValuesNameTheParameter() {
        assertEquals("learningRate", assertThrows(InvalidHyperparameterException.class,
                () -> CabsConfig.builder().build()).parameter());
        assertEquals("minBatchSize", assertThrows(InvalidHyperparameterException.class,
                () -> CabsConfig.builder().minBatchSize(1)).parameter());
        assertEquals("mu", assertThrows(InvalidHyperparameterException.class, () -> CabsConfig.builder().mu(1)).parameter());
        InvalidHyperparameterException e = assertThrows(InvalidHyperparameterException.class,
                () -> CabsConfig.builder().learningRate(0.1).minBatchSize(32).maxBatchSize(16).build());
        assertEquals("maxBatchSize", e.parameter());
        assertTrue(e.getMessage().contains("32"), e.getMessage());
        CabsConfig defaults = CabsConfig.builder().learningRate(0.1).build();
        assertEquals(16, defaults.minBatchSize());
        assertEquals(2048, defaults.maxBatchSize());
        assertEquals(0.95, defaults.mu());
        assertEquals(CabsConfig.Variant.THESIS, defaults.variant());
    }
}
