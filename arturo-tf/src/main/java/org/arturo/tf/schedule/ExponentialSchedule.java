package org.arturo.tf.schedule;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;

/** factor(t) = rate^(t / decaySteps), the exponent floored when {@code staircase}. */
final class ExponentialSchedule implements Schedule {
    private final double rate;
    private final long decaySteps;
    private final boolean staircase;

    ExponentialSchedule(double rate, long decaySteps, boolean staircase) {
        this.rate = rate;
        this.decaySteps = decaySteps;
        this.staircase = staircase;
    }

    @Override
    public Operand<Float> factor(Ops tf, Operand<Float> step) {
        Operand<Float> exponent = tf.math.div(step, tf.constant((float) decaySteps));
        if (staircase) {
            exponent = tf.math.floor(exponent);
        }
        return tf.math.pow(tf.constant((float) rate), exponent);
    }

    @Override
    public double factorAt(long step) {
        double exponent = staircase ? Math.floorDiv(step, decaySteps) : (double) step / decaySteps;
        return Math.pow(rate, exponent);
    }

    /** 1, at step 0 (the rate is at most 1). */
    @Override
    public double maxFactor() {
        return 1.0;
    }

    /** The factor at {@link Schedules#MAX_STEP}, where the float32 step counter stops; often 0 by underflow. */
    @Override
    public double minFactor() {
        return factorAt(Schedules.MAX_STEP);
    }

    @Override
    public String toString() {
        return "exponential(rate=" + rate + ", decaySteps=" + decaySteps + ", staircase=" + staircase + ")";
    }
}
