package org.arturo.tf.arturo;

import java.util.List;
import org.arturo.tf.graph.StateWrite;
import org.arturo.tf.numerics.Reductions;
import org.arturo.tf.numerics.WeightedMoments;
import org.arturo.tf.state.StateFactory;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;

/**
 * The online estimate of the Kalman filter's measurement noise for one parameter tensor
 * ({@link Surrogate.MeasurementNoise#ESTIMATED}; docs/algorithm.md, "Noise-aware arTuRO", eq. N1–N3):
 * per element, the variance of the observed gradient element, from moving averages of g and g² (β = 0.9,
 * kept in West's form) shrunk towards the tensor's mean estimate:
 * <pre>
 *   r̂_t = (ν0·r_prior + n_eff·(v − m²)) / (ν0 + n_eff − 1)          (N1, n_eff = 1/ρ(β,t))
 *   r_t = max(r̂_t, 1e-6·mean r̂_t, 1e-30)                            (N2)
 *   r_prior = mean over the tensor of ŝ_t = n_eff·(v − m²)/(n_eff − 1); mean g² at t = 0   (N3)
 * </pre>
 * (n_eff − 1)·ŝ_t = n_eff·(v − m²), so r̂ is the pseudo-count average of the prior (weight ν0 = 2)
 * and ŝ_t (weight n_eff − 1, its degrees of freedom); at t = 0, n_eff = 1 and r̂_0 = r_prior, so the
 * first gain is not 0/0. Two slots: {@value #MEAN_SLOT} and {@value #SPREAD_SLOT}.
 */
final class MeasurementNoiseEstimate {
    static final String MEAN_SLOT = "noise_m";
    static final String SPREAD_SLOT = "noise_s";
    /** β of the moving averages (the thesis's default; a window of about 19 effective samples). */
    static final double BETA = 0.9;
    /** ν0: the prior counts as two samples (10% of the weight in the β = 0.9 limit). */
    static final float PRIOR_WEIGHT = 2f;
    /** Relative floor: no element's noise below 1e-6 of the tensor's mean (dead units, exact zeros). */
    static final float RELATIVE_FLOOR = 1e-6f;
    /** Absolute floor, for a tensor whose gradients are all exactly 0. */
    static final float ABSOLUTE_FLOOR = 1e-30f;

    /** r per element, r_prior and mean r (scalars), and the state to write back. */
    record Estimate(Operand<Float> r, Operand<Float> prior, Operand<Float> meanR, List<StateWrite> writes) {
    }

    private final Variable<Float> mean;
    private final Variable<Float> spread;

    MeasurementNoiseEstimate(Ops tf, Variable<Float> parameter, StateFactory factory) {
        mean = factory.createSlot(tf, parameter, MEAN_SLOT, 0f);
        spread = factory.createSlot(tf, parameter, SPREAD_SLOT, 0f);
    }

    List<Variable<Float>> variables() {
        return List.of(mean, spread);
    }

    /** The estimate for this step's gradient g, with {@code step} the applied steps before it. */
    Estimate estimate(Ops tf, Operand<Float> g, Operand<Boolean> firstStep, Operand<Float> step) {
        WeightedMoments moments = new WeightedMoments(tf, BETA, step);
        Operand<Float> newMean = moments.mean(tf, mean, g);
        Operand<Float> newSpread = moments.spread(tf, spread, mean, g);
        Operand<Float> deviationSum = tf.math.mul(moments.deviationSumScale, newSpread);     // n_eff·(v − m²)
        // N3: ŝ's tensor mean; n_eff − 1 = 0 at t = 0, where the mean square of g stands in.
        Operand<Float> meanDeviationSum = Reductions.meanOfAll(tf, deviationSum);
        Operand<Float> prior = tf.selectV2(firstStep,
                Reductions.meanOfAll(tf, tf.math.square(g)),
                tf.math.divNoNan(meanDeviationSum, tf.math.sub(moments.effectiveSamples, tf.constant(1f))));
        Operand<Float> shrunk = shrink(tf, deviationSum, moments.effectiveSamples, prior, PRIOR_WEIGHT);
        Operand<Float> floor = tf.math.maximum(
                tf.math.mul(tf.constant(RELATIVE_FLOOR), Reductions.meanOfAll(tf, shrunk)), tf.constant(ABSOLUTE_FLOOR));
        Operand<Float> r = tf.math.maximum(shrunk, floor);
        return new Estimate(r, prior, Reductions.meanOfAll(tf, r),
                List.of(new StateWrite(mean, newMean), new StateWrite(spread, newSpread)));
    }

    /** N1: (ν0·prior + n_eff·(v − m²)) / (ν0 + n_eff − 1). */
    static Operand<Float> shrink(Ops tf, Operand<Float> deviationSum, Operand<Float> effectiveSamples,
                                 Operand<Float> prior, float priorWeight) {
        Operand<Float> nu0 = tf.constant(priorWeight);
        return tf.math.div(tf.math.add(tf.math.mul(nu0, prior), deviationSum),
                tf.math.add(nu0, tf.math.sub(effectiveSamples, tf.constant(1f))));
    }
}
