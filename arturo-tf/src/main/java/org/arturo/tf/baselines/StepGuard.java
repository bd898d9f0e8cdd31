package org.arturo.tf.baselines;

import java.util.ArrayList;
import java.util.List;
import org.arturo.tf.GraphInputs;
import org.arturo.tf.SkipGuard;
import org.arturo.tf.schedule.Schedule;
import org.arturo.tf.state.StateFactory;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;

/**
 * The bookkeeping every baseline shares: its own step counter (KotlinDL has no global step), the
 * scheduled learning rate, and the optional skip of steps whose gradient holds NaN or ±∞.
 *
 * <p>The skip is arTuRO's {@link SkipGuard}. The predicate is the finiteness of the sum of all gradient
 * elements, which is NaN or ±∞ whenever any element is; its only false alarm is a sum that
 * overflows float32 (|Σg| &gt; 3.4e38).
 */
final class StepGuard {
    /** Applied (not skipped) steps so far; the schedule's 0-based t. */
    final Variable<Float> step;
    /** Skipped steps so far; null when skipping is off. */
    final Variable<Float> skippedSteps;
    private final Operand<Boolean> finite;

    StepGuard(Ops tf, String name, List<? extends Operand<Float>> gradients, boolean skipNonFinite,
              StateFactory factory) {
        step = factory.createScalar(tf, name + "_step", 0f);
        skippedSteps = skipNonFinite ? factory.createScalar(tf, name + "_skipped_steps", 0f) : null;
        finite = skipNonFinite ? allFinite(tf, gradients) : null;
    }

    /** lr_t = lr · schedule.factor(t) for the step being built. */
    Operand<Float> learningRate(Ops tf, double learningRate, Schedule schedule) {
        return tf.math.mul(tf.constant((float) learningRate), schedule.factor(tf, step));
    }

    /** The learning rate of the last applied step (of the first step before any). */
    Operand<Float> lastLearningRate(Ops tf, double learningRate, Schedule schedule) {
        Operand<Float> last = tf.math.maximum(tf.math.sub(step, tf.constant(1f)), tf.constant(0f));
        return tf.math.mul(tf.constant((float) learningRate), schedule.factor(tf, last));
    }

    /** {@code value} when the gradients are finite; a dead tensor (so its consumers do not run) otherwise. */
    <T> Operand<T> ifFinite(Ops tf, Operand<T> value) {
        return finite == null ? value : SkipGuard.ifFinite(tf, value, finite);
    }

    /**
     * The train op: after every write, counts the step as applied (or, on a bad step, as skipped).
     * Its value is the updated counter.
     */
    Operand<Float> trainOp(Ops tf, String name, List<Operand<?>> writes) {
        if (finite == null) {
            return tf.withName(GraphInputs.unusedName(tf, name + "_train"))
                    .withControlDependencies(writes).assignAdd(step, tf.constant(1f));
        }
        return SkipGuard.countStep(tf, name + "_train", step, skippedSteps, finite, writes);
    }

    private static Operand<Boolean> allFinite(Ops tf, List<? extends Operand<Float>> gradients) {
        List<Operand<Float>> sums = new ArrayList<>();
        for (Operand<Float> g : gradients) {
            sums.add(tf.reduceSum(tf.reshape(g, tf.constant(new int[] {-1})), tf.constant(0)));
        }
        return tf.math.isFinite(sums.size() == 1 ? sums.get(0) : tf.math.addN(sums));
    }
}
