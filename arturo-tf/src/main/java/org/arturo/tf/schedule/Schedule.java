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
 *
 * <p>{@link #maxFactor()} and {@link #minFactor()} bound every factor the schedule reaches, so that a
 * configuration can check before any graph exists that base · factor(t) stays a finite float32 (and,
 * for a weight decay scaled by the value, that base · factor(t) · weightDecay stays below 1) at every
 * step, not only at step 0. A schedule of one's own must report honest bounds: a factor outside them
 * escapes validation.
 */
public interface Schedule {
    /** The factor at step {@code step} (a float32 scalar counter, exact up to 2^24 steps), in-graph. */
    Operand<Float> factor(Ops tf, Operand<Float> step);

    /** The factor at step {@code step}, on the host. */
    double factorAt(long step);

    /**
     * The largest factor reached at any step (the schedules of {@link Schedules}: exactly, except
     * warm-up, which reports the bound of the schedule after it). Finite and &ge; {@link #minFactor()}.
     */
    double maxFactor();

    /**
     * The smallest factor reached at any step the float32 step counter can count (0 to
     * {@link Schedules#MAX_STEP}); 0 for a schedule that decays to 0 (cosine to a floor of 0, and an
     * exponential decay, which underflows float32 within the counter's range). At least 0; a lower bound
     * for warm-up (1/length times the bound of the schedule after it).
     */
    double minFactor();
}
