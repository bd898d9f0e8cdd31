package org.arturo.tf.schedule;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;

/** factor(t) = floor + (1 − floor)·½·(1 + cos(π·min(t, T)/T)): cosine annealing to a floor. */
final class CosineSchedule implements Schedule {
    private final long totalSteps;
    private final double floor;

    CosineSchedule(long totalSteps, double floor) {
        this.totalSteps = totalSteps;
        this.floor = floor;
    }

    @Override
    public Operand<Float> factor(Ops tf, Operand<Float> step) {
        Operand<Float> progress = tf.math.div(
                tf.math.minimum(step, tf.constant((float) totalSteps)), tf.constant((float) totalSteps));
        Operand<Float> cosine = tf.math.cos(tf.math.mul(progress, tf.constant((float) Math.PI)));
        Operand<Float> half = tf.math.mul(tf.constant(0.5f), tf.math.add(tf.constant(1f), cosine));
        return tf.math.add(tf.constant((float) floor), tf.math.mul(tf.constant((float) (1 - floor)), half));
    }

    @Override
    public double factorAt(long step) {
        double progress = (double) Math.min(step, totalSteps) / totalSteps;
        return floor + (1 - floor) * 0.5 * (1 + Math.cos(Math.PI * progress));
    }

    /** 1, at step 0. */
    @Override
    public double maxFactor() {
        return 1.0;
    }

    /** The floor, reached at {@code totalSteps} (validated to be at most {@link Schedules#MAX_STEP}). */
    @Override
    public double minFactor() {
        return floor;
    }

    @Override
    public String toString() {
        return "cosine(totalSteps=" + totalSteps + ", floor=" + floor + ")";
    }
}
