package org.arturo.tf;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;

/**
 * The per-element quantities the dual problem needs, for one parameter tensor, flattened
 * (docs/algorithm.md, eqs. 4–6):
 * h = quad + ρλ (curvature of the regularized surrogate), u = h·θ + lin (its gradient at θ),
 * w = prec·u². The mean step for a trial η is Δ(η) = u / (h + prec·η), so
 * C(η) = ½ Σ prec·Δ² = ½ Σ w / (h + prec·η)².
 */
final class TrustRegionTerms {
    final Operand<Float> h;
    final Operand<Float> precision;
    final Operand<Float> u;
    final Operand<Float> w;

    TrustRegionTerms(Ops tf, ArturoConfig c, Operand<Float> theta, Operand<Float> lin, Operand<Float> quad,
                     Operand<Float> precision) {
        Operand<Integer> flat = tf.constant(new int[] {-1});
        this.h = tf.reshape(tf.math.add(quad, tf.constant((float) (c.rho() * c.lambda()))), flat);
        this.precision = tf.reshape(precision, flat);
        this.u = tf.math.add(tf.math.mul(h, tf.reshape(theta, flat)), tf.reshape(lin, flat));
        this.w = tf.math.mul(this.precision, tf.math.square(u));
    }

    /** Δ(η) = u / (h + prec·η), eq. (5); flat. */
    Operand<Float> meanStep(Ops tf, Operand<Float> eta) {
        return tf.math.div(u, tf.math.add(h, tf.math.mul(precision, eta)));
    }

    /** prec_t = max((h + ν·prec)/(ρ + ν), ρλ/(ρ + ν)), eq. (7) with the floor of eq. (8); flat. */
    Operand<Float> newPrecision(Ops tf, ArturoConfig c) {
        double denominator = c.rho() + c.nu();
        Operand<Float> updated = tf.math.mul(
                tf.math.add(h, tf.math.mul(precision, tf.constant((float) c.nu()))),
                tf.constant((float) (1 / denominator)));
        return tf.math.maximum(updated, tf.constant((float) (c.rho() * c.lambda() / denominator)));
    }

    /** η_min of eq. (10) and whether every h_j &gt; 0 (then η = 0 is admissible). */
    record EtaMin(Operand<Float> etaMin, Operand<Boolean> allPositive) {
    }

    /** eq. (10): η_min = max(0, max_j −h_j/prec_j) over all tensors; every h_j > 0 ⇔ that max is < 0. */
    static EtaMin etaMin(Ops tf, List<TrustRegionTerms> terms) {
        Operand<Integer> axis = tf.constant(0);
        Operand<Float> worst = null;
        for (TrustRegionTerms t : terms) {
            Operand<Float> ratio = tf.reduceMax(tf.math.div(tf.math.neg(t.h), t.precision), axis);
            worst = worst == null ? ratio : tf.math.maximum(worst, ratio);
        }
        Operand<Float> zero = tf.constant(0f);
        return new EtaMin(tf.math.maximum(zero, worst), tf.math.less(worst, zero));
    }

    /** A point just right of the pole at η_min, where C(η) is large but finite. */
    static Operand<Float> rightOfPole(Ops tf, Operand<Float> etaMin) {
        return tf.math.add(etaMin, tf.math.mul(tf.constant(1e-6f), tf.math.add(tf.constant(1f), etaMin)));
    }
}
