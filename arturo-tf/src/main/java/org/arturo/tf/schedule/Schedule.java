package org.arturo.tf.schedule;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;

/**
 * A multiplier on a base value (ε for arTuRO, the learning rate for the baselines) as a function of
 * the 0-based count of applied optimizer steps: value_t = base · factor(t).
 *
 * <p>Each schedule has two faces with the same closed form: {@link #factor(Ops, Operand)} builds
 * it into the graph from the optimizer's own step counter, {@link #factorAt(long)} evaluates it on
 * the host (for plots, logs and telemetry). Build instances with {@link Schedules}.
 */
public interface Schedule {
    /** The factor at step {@code step} (a float32 scalar counter, exact up to 2^24 steps), in-graph. */
    Operand<Float> factor(Ops tf, Operand<Float> step);

    /** The factor at step {@code step}, on the host. */
    double factorAt(long step);
}
