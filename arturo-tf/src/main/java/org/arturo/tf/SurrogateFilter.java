package org.arturo.tf;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;

/**
 * One step of the per-element Kalman filter that fits the gradient model g ≈ quad·θ + lin
 * (docs/algorithm.md, eq. 3): state (lin, quad), observation row H = (1, θ), drift q, noise r.
 */
final class SurrogateFilter {
    final Operand<Float> lin;
    final Operand<Float> quad;
    final Operand<Float> p00;
    final Operand<Float> p01;
    final Operand<Float> p11;

    /**
     * @param theta  the parameter after weight decay (the point the gradient was taken at)
     * @param g      the minibatch gradient
     * @param lin    lin before the step (on step 0: the gradient itself)
     */
    SurrogateFilter(Ops tf, ArturoConfig c, Operand<Float> theta, Operand<Float> g, Operand<Float> lin,
                    Operand<Float> quad, Operand<Float> p00, Operand<Float> p01, Operand<Float> p11) {
        Operand<Float> q = tf.constant((float) c.q());
        // (3a) predict: P += Q, Q = diag(q, q)
        Operand<Float> p00Pred = tf.math.add(p00, q);
        Operand<Float> p11Pred = tf.math.add(p11, q);
        // (3b) P Hᵀ and innovation variance s = H P Hᵀ + r
        Operand<Float> ph0 = tf.math.add(p00Pred, tf.math.mul(p01, theta));
        Operand<Float> ph1 = tf.math.add(p01, tf.math.mul(p11Pred, theta));
        Operand<Float> s = tf.math.add(tf.math.add(ph0, tf.math.mul(ph1, theta)), tf.constant((float) c.r()));
        // (3c) gain k = P Hᵀ / s
        Operand<Float> k0 = tf.math.div(ph0, s);
        Operand<Float> k1 = tf.math.div(ph1, s);
        // (3d) correct the mean with the innovation δ = g − (quad·θ + lin)
        Operand<Float> delta = tf.math.sub(tf.math.sub(g, tf.math.mul(theta, quad)), lin);
        this.lin = tf.math.add(lin, tf.math.mul(k0, delta));
        this.quad = tf.math.add(quad, tf.math.mul(k1, delta));
        // (3e) P −= k s kᵀ, with k s = P Hᵀ
        this.p00 = tf.math.sub(p00Pred, tf.math.mul(k0, ph0));
        this.p01 = tf.math.sub(p01, tf.math.mul(k0, ph1));
        this.p11 = tf.math.sub(p11Pred, tf.math.mul(k1, ph1));
    }
}
