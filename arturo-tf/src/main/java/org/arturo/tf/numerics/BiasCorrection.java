package org.arturo.tf.numerics;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;

/**
 * The bias correction of an exponential moving average started at zero (Adam's moments,
 * docs/baselines.md, eq. B6): after t updates with decay β its weight is 1 − β^t.
 *
 * <p>Computed as −expm1(t·ln β), which stays accurate when β^t is within an ulp of 1 (β2 near 1,
 * small t): 1 − β^t from a float32 power loses most of its digits there. β is taken as the float32
 * the graph applies, so the corrected average is exactly unbiased for the decay that really runs.
 */
public final class BiasCorrection {
    private BiasCorrection() {
    }

    /** 1 − β^t for the float32 β; 1 for β = 0 (ln 0 = −∞ and expm1(−∞) = −1). {@code t} is 1-based. */
    public static Operand<Float> oneMinusPower(Ops tf, double beta, Operand<Float> t) {
        float logBeta = (float) Math.log((float) beta);
        return tf.math.neg(tf.math.expm1(tf.math.mul(t, tf.constant(logBeta))));
    }
}
