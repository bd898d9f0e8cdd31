package org.arturo.tf.arturo;

import java.util.List;
import org.arturo.tf.graph.StateWrite;
import org.arturo.tf.numerics.BiasCorrection;
import org.arturo.tf.state.StateFactory;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;

/**
 * Ablation surrogate (paper Fig. 3): Adam's moments m, v instead of the Kalman filter. With
 * bias-corrected m̂, v̂ at step t+1: quad = √v̂ + 1e-8, lin = m̂ − quad·θ (docs/algorithm.md, eq. 13).
 */
final class AdamMomentsFit implements SurrogateFit {
    private static final float STABILITY = 1e-8f;

    private final Surrogate.AdamMoments c;
    final Variable<Float> m;
    final Variable<Float> v;

    AdamMomentsFit(Ops tf, Variable<Float> parameter, Surrogate.AdamMoments c, StateFactory factory) {
        this.c = c;
        m = factory.createSlot(tf, parameter, "m", 0f);
        v = factory.createSlot(tf, parameter, "v", 0f);
    }

    @Override
    public Fit fit(Ops tf, Operand<Float> theta, Operand<Float> g, Operand<Boolean> firstStep, Operand<Float> step) {
        Operand<Float> beta1 = tf.constant((float) c.beta1());
        Operand<Float> beta2 = tf.constant((float) c.beta2());
        Operand<Float> one = tf.constant(1f);
        Operand<Float> newM = tf.math.add(tf.math.mul(beta1, m), tf.math.mul(tf.math.sub(one, beta1), g));
        Operand<Float> newV = tf.math.add(tf.math.mul(beta2, v), tf.math.mul(tf.math.sub(one, beta2), tf.math.square(g)));
        Operand<Float> t = tf.math.add(step, one);
        Operand<Float> mHat = tf.math.div(newM, BiasCorrection.oneMinusPower(tf, c.beta1(), t));
        Operand<Float> vHat = tf.math.div(newV, BiasCorrection.oneMinusPower(tf, c.beta2(), t));
        Operand<Float> quad = tf.math.add(tf.math.sqrt(vHat), tf.constant(STABILITY));
        Operand<Float> lin = tf.math.sub(mHat, tf.math.mul(quad, theta));
        return new Fit(lin, quad, List.of(new StateWrite(m, newM), new StateWrite(v, newV)));
    }

    @Override
    public List<Variable<Float>> variables() {
        return List.of(m, v);
    }
}
