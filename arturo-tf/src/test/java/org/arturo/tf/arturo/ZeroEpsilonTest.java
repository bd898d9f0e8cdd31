package org.arturo.tf.arturo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.arturo.tf.DiagnosticValues;
import org.arturo.tf.GradientStreams;
import org.arturo.tf.GraphHarness;
import org.arturo.tf.schedule.Schedules;
import org.junit.jupiter.api.Test;

/** A schedule that takes ε_t to 0 (cosine to floor 0) freezes the parameters and writes no NaN into the state. */
class ZeroEpsilonTest {
    @Test
    void aZeroBoundFreezesTheParametersAndKeepsTheStateFinite() {
        List<long[]> shapes = List.of(new long[] {5});
        List<List<double[]>> grads = GradientStreams.gaussian(shapes, 8, 1.0, 3);
        ArturoConfig config = ArturoConfig.builder().epsilon(0.05).schedule(Schedules.cosine(4, 0)).build();
        try (GraphHarness h = new GraphHarness(shapes, GradientStreams.randomValues(shapes, 0.5, 4))) {
            h.build(new ArturoOptimizer(config));
            for (int t = 0; t < 5; t++) {
                h.step(grads.get(t));
            }
            float[] frozen = h.parameters().get(0);
            for (int t = 5; t < 8; t++) {
                h.step(grads.get(t));
            }
            assertArrayEquals(frozen, h.parameters().get(0), "ε_t = 0: the parameters do not move");
            for (float[] v : h.optimizerState()) {
                for (float x : v) {
                    assertTrue(Float.isFinite(x), "optimizer state stays finite");
                }
            }
            DiagnosticValues d = h.diagnostics();
            assertEquals(0.0, d.get(ArturoDiagnostics.EPSILON));
            assertEquals(0.0, d.get(ArturoDiagnostics.KL_RATIO), "C/ε_t is reported as 0, not NaN");
            assertEquals(8, d.step());
        }
    }
}
