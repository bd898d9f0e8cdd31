package org.arturo.tf;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.SwitchCond;
import org.tensorflow.op.core.Variable;

/**
 * The guarded write-back every optimizer here shares (docs/algorithm.md, "Write-back"): one scalar
 * predicate routes each write's input through a Switch, so on a bad step no write runs (Switch
 * forwards buffers: no extra pass over the parameters) and only a skipped-step counter moves.
 */
public final class SkipGuard {
    private SkipGuard() {
    }

    /** {@code value} when {@code finite}; otherwise a dead tensor, so nothing consuming it runs. */
    public static <T> Operand<T> ifFinite(Ops tf, Operand<T> value, Operand<Boolean> finite) {
        return tf.switchCond(value, finite).outputTrue();
    }

    /**
     * The train op: once every write has run, {@code step} += 1 when {@code finite}, else
     * {@code skipped} += 1. Its value (through a Merge named {@code name}, made unique) is the
     * counter that moved.
     */
    public static Operand<Float> countStep(Ops tf, String name, Variable<Float> step, Variable<Float> skipped,
                                           Operand<Boolean> finite, List<Operand<?>> writes) {
        SwitchCond<Float> one = tf.switchCond(tf.constant(1f), finite);
        Operand<Float> applied = tf.withControlDependencies(writes).assignAdd(step, one.outputTrue());
        Operand<Float> skippedNow = tf.assignAdd(skipped, one.outputFalse());
        return tf.withName(GraphInputs.unusedName(tf, name)).merge(List.of(applied, skippedNow)).output();
    }
}
