package org.arturo.tf.baselines;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;

/** The two weight-decay forms of the baselines (docs/baselines.md, eq. B1 and B7). */
final class WeightDecay {
    private WeightDecay() {
    }

    /** Coupled L2 (SGD, Adam): the gradient of wd/2·‖θ‖² is added to g, so it also enters the moments. */
    static Operand<Float> coupled(Ops tf, Operand<Float> gradient, Operand<Float> parameter, double weightDecay) {
        if (weightDecay == 0) {
            return gradient;
        }
        return tf.math.add(gradient, tf.math.mul(tf.constant((float) weightDecay), parameter));
    }

    /** Decoupled (AdamW): θ·(1 − lr_t·wd), applied to the parameter before the Adam step. */
    static Operand<Float> decoupled(Ops tf, Operand<Float> parameter, Operand<Float> learningRate, double weightDecay) {
        Operand<Float> keep = tf.math.sub(tf.constant(1f), tf.math.mul(learningRate, tf.constant((float) weightDecay)));
        return tf.math.mul(parameter, keep);
    }
}
