package org.arturo.tf.graph;

import org.arturo.tf.InvalidHyperparameterException;
import org.arturo.tf.state.StateFactory;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;

/**
 * Recognizes a step whose gradient is far larger than recent ones (docs/algorithm.md, "Outlier
 * guard"): its largest element m = max|g| exceeds {@code factor} times the running scale S of the
 * gradients of earlier steps. The scale is kept as log S, an exponential moving average of log m over
 * applied steps (weight {@link #MEMORY}); an outlier moves it by at most log(factor) (winsorized), so a
 * lasting change of scale is accepted after a few steps instead of being skipped for ever. Before the
 * first applied step there is no scale, so the first step is never an outlier.
 *
 * <p>Cost: one pass over the gradients (a max and a min reduction per tensor) and one scalar of state,
 * {@code <stateName>_gradient_scale}.
 */
public final class OutlierGuard {
    /** The default factor: a step whose largest gradient element is 1000× the recent scale is skipped. */
    public static final double DEFAULT_FACTOR = 1000;
    /** Weight of the previous scale in the moving average: a memory of about ten steps. */
    public static final double MEMORY = 0.9;
    /** Added to m before the logarithm, so an all-zero gradient has a finite (very small) scale. */
    private static final float TINY = 1e-30f;

    private final Variable<Float> logScale;
    private final double factor;

    private OutlierGuard(Variable<Float> logScale, double factor) {
        this.logScale = logScale;
        this.factor = factor;
    }

    private static Operand<Float> logOf(Ops tf, Operand<Float> maxAbsGradient) {
        return tf.math.log(tf.math.add(maxAbsGradient, tf.constant(TINY)));
    }

    /** Checks an outlier factor: (1, ∞] as a float32, +∞ turning the guard off. */
    public static double checkFactor(double value) {
        if (Double.isNaN(value) || value <= 1 || (Double.isFinite(value) && Float.isInfinite((float) value))) {
            throw new InvalidHyperparameterException("outlierFactor", value,
                    "(1, 3.4e38] as float32, or +∞ to turn the outlier guard off");
        }
        return value;
    }

    /** The guard's state, or null when {@code factor} is +∞ (off). */
    static OutlierGuard open(Ops tf, String stateName, StateFactory state, double factor) {
        if (Double.isInfinite(factor)) {
            return null;
        }
        return new OutlierGuard(state.createScalar(tf, stateName + "_gradient_scale", 0f), factor);
    }

    /**
     * The bound on max|g| + tiny above which a step is an outlier: S·factor, formed once as
     * exp(log S + log(factor)), or +∞ before the first applied step (no scale yet). The verdict compares
     * max|g| + tiny with it directly, not its logarithm with log S + log(factor): a fused kernel that
     * reads the gradients itself then makes the same float comparison, where its own logarithm and TF's
     * could round apart at the bound.
     */
    Operand<Float> bound(Ops tf, Operand<Float> appliedSteps) {
        Operand<Boolean> haveScale = tf.math.greater(appliedSteps, tf.constant(0f));
        return tf.selectV2(haveScale, tf.math.exp(tf.math.add(logScale, tf.constant((float) Math.log(factor)))),
                tf.constant(Float.POSITIVE_INFINITY));
    }

    /** The verdict on the graph: an outlier when max|g| is finite and max|g| + tiny is above the bound. */
    Verdict judge(Ops tf, Operand<Float> maxAbsGradient, Operand<Float> appliedSteps) {
        Operand<Boolean> outlier = tf.math.logicalAnd(tf.math.isFinite(maxAbsGradient),
                tf.math.greater(tf.math.add(maxAbsGradient, tf.constant(TINY)), bound(tf, appliedSteps)));
        return new Verdict(logOf(tf, maxAbsGradient), outlier);
    }

    /** The verdict of a fused kernel that read the gradients and judged them by the same rule against {@link #bound}. */
    Verdict judgedByKernel(Ops tf, Operand<Float> maxAbsGradient, Operand<Boolean> outlier) {
        return new Verdict(logOf(tf, maxAbsGradient), outlier);
    }

    /** The verdict on one step's gradients. */
    final class Verdict {
        /** log(max|g| + tiny); non-finite when a gradient holds ±∞ (NaN is ignored by the max). */
        final Operand<Float> logMax;
        final Operand<Boolean> outlier;

        private Verdict(Operand<Float> logMax, Operand<Boolean> outlier) {
            this.logMax = logMax;
            this.outlier = outlier;
        }

        /**
         * Moves the scale after an applied step (first: log m; then the moving average) or an outlier
         * (by log(factor), so persistent growth is accepted in a few steps); keeps it after a
         * non-finite skip.
         */
        Operand<Float> updateScale(Ops tf, Operand<Boolean> applied, Operand<Float> appliedSteps) {
            Operand<Float> step = tf.math.minimum(tf.math.sub(logMax, logScale), tf.constant((float) Math.log(factor)));
            Operand<Float> averaged = tf.math.add(logScale, tf.math.mul(tf.constant((float) (1 - MEMORY)), step));
            Operand<Float> moved = tf.selectV2(tf.math.equal(appliedSteps, tf.constant(0f)), logMax, averaged);
            return tf.assign(logScale, tf.selectV2(tf.math.logicalOr(applied, outlier), moved, logScale));
        }
    }
}
