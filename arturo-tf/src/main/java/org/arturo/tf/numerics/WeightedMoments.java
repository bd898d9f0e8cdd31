package org.arturo.tf.numerics;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;

/**
 * The moving mean and variance of the gradient in West's weighted form (docs/noise-aware.md,
 * "Numerics"), with the per-step scalars that turn them into the thesis's quantities.
 *
 * <p>The thesis keeps m̃ ← βm̃ + (1−β)g and ṽ ← βṽ + (1−β)g² and forms v − m² with m = m̃/W_t,
 * v = ṽ/W_t, W_t = 1 − β^(t+1) [T eq. 5.3]. In float32 that difference cancels when |m| ≫ σ. West's
 * recursion for the same weights keeps instead
 * <pre>
 *   m ← (1 − c_t)·m + c_t·g                      c_t = (1 − β)/W_t   (m is already bias-corrected)
 *   S ← β·S + (1 − β)(1 − c_t)·(g − m_old)²       S_t/W_t = v_t − m_t² exactly
 * </pre>
 * ({@code (1 − β)(g − m_old)(g − m_new)} written with g − m_new = (1 − c_t)(g − m_old), so S ≥ 0 by
 * construction: no clamp is needed). At t = 0, c_0 = 1 exactly and 1 − c_0 = 0, so m_0 = g and
 * S_0 = 0 bit for bit.
 *
 * <p>From S: ŝ_t = (v − m²)/(1 − ρ(β,t)) = a_t·S and ρ(β,t)·ŝ_t = b_t·S [T eq. 5.15–5.16], with
 * <pre>
 *   1 − ρ(β,t) = 2β(1 − β^t) / ((1 + β)·W_t)
 *   a_t = (1 + β) / (2β(1 − β^t))          b_t = (1 − β)(1 + β^(t+1)) / (2β(1 − β^t)·W_t)
 * </pre>
 * and a_0 = b_0 = 0: ŝ_0 := 0 [T §5.4.4], where the formula is 0/0. Every 1 − β^k comes from
 * {@link BiasCorrection}, exact to float32 rounding for β near 1.
 *
 * <p>The same weights have Kish's effective sample size n_eff = 1/ρ(β,t) [T eq. 5.15]; the pooled sum of
 * squared deviations n_eff·(v − m²) = (n_eff − 1)·ŝ_t is {@link #deviationSumScale}·S, with
 * d_t = (1 + β)/((1 − β)(1 + β^(t+1))), 0/0-free at every t (n_eff = 1 and S = 0 at t = 0).
 *
 * <p>Used by the noise-aware optimizers (docs/noise-aware.md) and by arTuRO's estimated measurement
 * noise (docs/algorithm.md, "Noise-aware arTuRO").
 */
public final class WeightedMoments {
    /** c_t, the weight of the new gradient in the mean (1 at t = 0). */
    private final Operand<Float> weight;
    /** 1 − c_t, the weight of the old mean (0 at t = 0). */
    private final Operand<Float> keep;
    /** (1 − β)(1 − c_t): the weight of (g − m_old)² in S. */
    private final Operand<Float> spreadWeight;
    private final Operand<Float> beta;
    /** a_t: ŝ_t = a_t·S_t. */
    public final Operand<Float> varianceScale;
    /** b_t: ρ(β,t)·ŝ_t = b_t·S_t, the variance estimate of m itself. */
    public final Operand<Float> meanVarianceScale;
    /** n_eff = 1/ρ(β,t), the effective number of gradients averaged (1 at t = 0). */
    public final Operand<Float> effectiveSamples;
    /** d_t: n_eff·(v − m²) = d_t·S_t. */
    public final Operand<Float> deviationSumScale;

    /** The scalars of the step with 0-based counter {@code t} (applied steps before this one). */
    public WeightedMoments(Ops tf, double beta, Operand<Float> t) {
        float b = (float) beta;
        float oneMinusBeta = (float) (1 - (double) b);
        Operand<Float> w = BiasCorrection.oneMinusPower(tf, beta, tf.math.add(t, tf.constant(1f)));   // 1 − β^(t+1)
        Operand<Float> u = BiasCorrection.oneMinusPower(tf, beta, t);                                // 1 − β^t
        Operand<Boolean> first = tf.math.equal(t, tf.constant(0f));
        Operand<Float> zero = tf.constant(0f);

        this.beta = tf.constant(b);
        weight = tf.selectV2(first, tf.constant(1f), tf.math.div(tf.constant(oneMinusBeta), w));
        keep = tf.selectV2(first, zero, tf.math.div(tf.math.mul(tf.constant(b), u), w));
        spreadWeight = tf.math.mul(tf.constant(oneMinusBeta), keep);

        Operand<Float> twoBetaU = tf.math.mul(tf.constant(2 * b), u);
        varianceScale = tf.selectV2(first, zero, tf.math.div(tf.constant((float) (1 + (double) b)), twoBetaU));
        Operand<Float> onePlusPower = tf.math.sub(tf.constant(2f), w);                               // 1 + β^(t+1)
        meanVarianceScale = tf.selectV2(first, zero, tf.math.div(
                tf.math.mul(tf.constant(oneMinusBeta), onePlusPower), tf.math.mul(twoBetaU, w)));
        Operand<Float> onePlusBeta = tf.constant((float) (1 + (double) b));
        effectiveSamples = tf.math.div(tf.math.mul(onePlusBeta, w), tf.math.mul(tf.constant(oneMinusBeta), onePlusPower));
        deviationSumScale = tf.math.div(onePlusBeta, tf.math.mul(tf.constant(oneMinusBeta), onePlusPower));
    }

    /** The new mean m_t from the old one and the gradient (a convex combination: it cannot overflow). */
    public Operand<Float> mean(Ops tf, Operand<Float> oldMean, Operand<Float> g) {
        return tf.math.add(tf.math.mul(keep, oldMean), tf.math.mul(weight, g));
    }

    /** The new S_t from the old S, the old mean and the gradient. */
    public Operand<Float> spread(Ops tf, Operand<Float> oldSpread, Operand<Float> oldMean, Operand<Float> g) {
        Operand<Float> d = tf.math.sub(g, oldMean);
        return tf.math.add(tf.math.mul(beta, oldSpread), tf.math.mul(spreadWeight, tf.math.square(d)));
    }

    /**
     * The variance-adaptation factor m²/(m² + scale·S), computed as 1/(1 + (scale·S/|m|)/|m|) so that
     * neither m² nor the ratio underflows to 0/0, and set to 0 where m = 0 [T §5.4.4: "no update in the
     * respective coordinates"]. With S = 0 (t = 0) it is exactly 1 wherever m ≠ 0.
     *
     * @param scale {@link #varianceScale} (SVAG, γ^g of eq. 5.17) or {@link #meanVarianceScale}
     *              (M-SVAG and Adam*, γ^m of eq. 5.19)
     */
    public static Operand<Float> factor(Ops tf, Operand<Float> spread, Operand<Float> scale, Operand<Float> mean) {
        Operand<Float> size = tf.math.abs(mean);
        Operand<Float> ratio = tf.math.div(tf.math.div(tf.math.mul(scale, spread), size), size);
        Operand<Float> gamma = tf.math.reciprocal(tf.math.add(tf.constant(1f), ratio));
        return tf.selectV2(tf.math.notEqual(mean, tf.constant(0f)), gamma, tf.constant(0f));
    }
}
