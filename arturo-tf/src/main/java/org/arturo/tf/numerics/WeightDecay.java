package org.arturo.tf.numerics;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;

/** The two forms of weight decay (docs/baselines.md, eqs. B1 and B7; docs/algorithm.md, eq. 2). */
public final class WeightDecay {
    private WeightDecay() {
    }

    /** Coupled L2 (SGD, Adam): the gradient of wd/2·‖θ‖² is added to g, so it also enters the moments. */
    public static Operand<Float> coupled(Ops tf, Operand<Float> gradient, Operand<Float> parameter, double weightDecay) {
        if (weightDecay == 0) {
            return gradient;
        }
        return tf.math.add(gradient, tf.math.mul(tf.constant((float) weightDecay), parameter));
    }

    /**
     * Decoupled: θ·(1 − rate·wd), applied to the parameter before the step. The rate is the scheduled
     * learning rate for AdamW and the scheduled KL bound ε_t for arTuRO.
     */
    public static Operand<Float> decoupled(Ops tf, Operand<Float> parameter, Operand<Float> rate, double weightDecay) {
        Operand<Float> keep = tf.math.sub(tf.constant(1f), tf.math.mul(rate, tf.constant((float) weightDecay)));
        return tf.math.mul(parameter, keep);
    }
}
