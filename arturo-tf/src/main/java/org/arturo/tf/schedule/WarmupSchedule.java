package org.arturo.tf.schedule;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;

/**
 * factor(t) = min(1, (t + 1)/W) · after(t): a linear ramp over the first W steps in front of any
 * schedule. {@code after} sees the absolute step, so its milestones stay where they were given.
 */
final class WarmupSchedule implements Schedule {
    private final long warmupSteps;
    private final Schedule after;

    WarmupSchedule(long warmupSteps, Schedule after) {
        this.warmupSteps = warmupSteps;
        this.after = after;
    }

    @Override
    public Operand<Float> factor(Ops tf, Operand<Float> step) {
        Operand<Float> ramp = tf.math.minimum(tf.constant(1f),
                tf.math.div(tf.math.add(step, tf.constant(1f)), tf.constant((float) warmupSteps)));
        return tf.math.mul(ramp, after.factor(tf, step));
    }

    @Override
    public double factorAt(long step) {
        return Math.min(1.0, (step + 1.0) / warmupSteps) * after.factorAt(step);
    }

    /** The ramp is at most 1, so the schedule after it bounds the product (exact when its largest factor comes after the ramp). */
    @Override
    public double maxFactor() {
        return after.maxFactor();
    }

    /** The ramp is at least 1/W: a lower bound, 1/W times that of the schedule after it. */
    @Override
    public double minFactor() {
        return after.minFactor() / warmupSteps;
    }

    @Override
    public String toString() {
        return "warmup(steps=" + warmupSteps + ", then " + after + ")";
    }
}
