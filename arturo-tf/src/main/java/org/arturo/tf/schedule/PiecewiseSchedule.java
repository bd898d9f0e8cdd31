package org.arturo.tf.schedule;

import java.util.Arrays;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;

/** factor(t) = factors[k] with k the number of boundaries b ≤ t (piecewise constant). */
final class PiecewiseSchedule implements Schedule {
    private final long[] boundaries;
    private final double[] factors;

    PiecewiseSchedule(long[] boundaries, double[] factors) {
        this.boundaries = boundaries.clone();
        this.factors = factors.clone();
    }

    @Override
    public Operand<Float> factor(Ops tf, Operand<Float> step) {
        // Select from the last piece backwards so each value is exact, not a sum of differences.
        Operand<Float> value = tf.constant((float) factors[0]);
        for (int i = 0; i < boundaries.length; i++) {
            value = tf.selectV2(tf.math.greaterEqual(step, tf.constant((float) boundaries[i])),
                    tf.constant((float) factors[i + 1]), value);
        }
        return value;
    }

    @Override
    public double factorAt(long step) {
        int k = 0;
        while (k < boundaries.length && step >= boundaries[k]) {
            k++;
        }
        return factors[k];
    }

    /** The largest factor: every piece is reached (each boundary is at most {@link Schedules#MAX_STEP}). */
    @Override
    public double maxFactor() {
        return Arrays.stream(factors).max().orElseThrow();
    }

    /** The smallest factor. */
    @Override
    public double minFactor() {
        return Arrays.stream(factors).min().orElseThrow();
    }

    @Override
    public String toString() {
        return "piecewise(boundaries=" + Arrays.toString(boundaries) + ", factors=" + Arrays.toString(factors) + ")";
    }
}
