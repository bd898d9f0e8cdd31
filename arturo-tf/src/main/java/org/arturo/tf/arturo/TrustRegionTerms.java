package org.arturo.tf.arturo;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;

/**
 * The per-element quantities of the dual problem for one parameter tensor, flattened
 * (docs/algorithm.md, eqs. 4–6). With h = quad + ρλ and u = h·θ + lin, the mean step is
 * Δ(η) = u/(h + prec·η). Dividing through by prec gives the form the solvers iterate on:
 * λ = h/prec (the pole of the element), v = u/prec and c = u·v = u²/prec, so that
 * Δ(η) = v/(λ + η), C(η) = ½ Σ c/(λ + η)² and −C'(η) = Σ c/(λ + η)³.
 */
final class TrustRegionTerms {
    final Operand<Float> h;
    final Operand<Float> precision;
    final Operand<Float> lambda;
    final Operand<Float> v;
    final Operand<Float> c;

    TrustRegionTerms(Ops tf, ArturoConfig config, Operand<Float> theta, Operand<Float> lin, Operand<Float> quad,
                     Operand<Float> precision) {
        Operand<Integer> flat = tf.constant(new int[] {-1});
        this.h = tf.reshape(tf.math.add(quad, tf.constant((float) (config.rho() * config.lambda()))), flat);
        this.precision = tf.reshape(precision, flat);
        Operand<Float> u = tf.math.add(tf.math.mul(h, tf.reshape(theta, flat)), tf.reshape(lin, flat));
        this.lambda = tf.math.div(h, this.precision);
        this.v = tf.math.div(u, this.precision);
        this.c = tf.math.mul(u, v);
    }

    /** 1/(λ + η), the factor every quantity of eqs. (5)–(6) at η is built from; flat. */
    Operand<Float> inverseDistance(Ops tf, Operand<Float> eta) {
        return tf.math.reciprocal(tf.math.add(lambda, eta));
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

    /** eq. (10): η_min = max(0, −min_j λ_j) over all tensors; every h_j > 0 ⇔ min_j λ_j > 0. */
    static EtaMin etaMin(Ops tf, List<TrustRegionTerms> terms) {
        Operand<Integer> axis = tf.constant(0);
        Operand<Float> smallest = null;
        for (TrustRegionTerms t : terms) {
            Operand<Float> min = tf.reduceMin(t.lambda, axis);
            smallest = smallest == null ? min : tf.math.minimum(smallest, min);
        }
        Operand<Float> zero = tf.constant(0f);
        return new EtaMin(tf.math.maximum(zero, tf.math.neg(smallest)), tf.math.greater(smallest, zero));
    }

    /** A point just right of the pole at η_min, where C(η) is large but finite. */
    static Operand<Float> rightOfPole(Ops tf, Operand<Float> etaMin) {
        return tf.math.add(etaMin, tf.math.mul(tf.constant(1e-6f), tf.math.add(tf.constant(1f), etaMin)));
    }
}
