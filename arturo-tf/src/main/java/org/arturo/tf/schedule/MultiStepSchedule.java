package org.arturo.tf.schedule;

import java.util.Arrays;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;

/** factor(t) = γ^k with k the number of milestones m ≤ t (PyTorch's MultiStepLR, per step). */
final class MultiStepSchedule implements Schedule {
    private final long[] milestones;
    private final double gamma;

    MultiStepSchedule(long[] milestones, double gamma) {
        this.milestones = milestones.clone();
        this.gamma = gamma;
    }

    @Override
    public Operand<Float> factor(Ops tf, Operand<Float> step) {
        Operand<Float> passed = tf.constant(0f);
        for (long m : milestones) {
            Operand<Float> reached = tf.dtypes.cast(tf.math.greaterEqual(step, tf.constant((float) m)), Float.class);
            passed = tf.math.add(passed, reached);
        }
        return tf.math.pow(tf.constant((float) gamma), passed);
    }

    @Override
    public double factorAt(long step) {
        int passed = 0;
        for (long m : milestones) {
            if (step >= m) {
                passed++;
            }
        }
        return Math.pow(gamma, passed);
    }

    /** 1 before the first milestone or γ^n after the last (γ &gt; 1), whichever is larger. */
    @Override
    public double maxFactor() {
        return Math.max(1.0, factorAt(Long.MAX_VALUE));
    }

    /** Every milestone is reached (each is at most {@link Schedules#MAX_STEP}): γ^n or 1. */
    @Override
    public double minFactor() {
        return Math.min(1.0, factorAt(Long.MAX_VALUE));
    }

    @Override
    public String toString() {
        return "multiStep(gamma=" + gamma + ", milestones=" + Arrays.toString(milestones) + ")";
    }
}
