package org.arturo.tf.baselines;

import org.arturo.tf.Diagnostic;
import org.arturo.tf.Diagnostics;
import org.arturo.tf.StepInputs;
import org.arturo.tf.config.LearningRateConfig;
import org.arturo.tf.graph.GuardedStep;
import org.arturo.tf.numerics.Reductions;
import org.arturo.tf.state.StateFactory;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;

/**
 * The part of a learning-rate optimizer's step that only depends on {@link LearningRateConfig}: the
 * guarded step with its counters, the scheduled learning rate and the finiteness of the gradients (when
 * skipping is on; the guard adds its outlier verdict). Shared by the baselines and the families in
 * other packages (org.arturo.tf.noise).
 */
public final class LearningRateStep {
    public final GuardedStep guard;
    /** lr_t = lr · schedule.factor(t) for the step being built. */
    public final Operand<Float> learningRate;
    /** Every gradient element finite; null when skipping is off. */
    public final Operand<Boolean> finite;
    private final LearningRateConfig config;

    public LearningRateStep(StepInputs in, String stateName, LearningRateConfig config, StateFactory state) {
        Ops tf = in.tf();
        this.config = config;
        guard = GuardedStep.open(tf, stateName, state, config.skipNonFinite(), config.outlierFactor(), in.gradients());
        learningRate = tf.math.mul(tf.constant((float) config.learningRate()), config.schedule().factor(tf, guard.step()));
        finite = config.skipNonFinite() ? Reductions.allFinite(tf, in.gradients()) : null;
    }

    /**
     * {@link #finite} and max |g| &lt; {@code bound}: for a family whose state squares the gradient and
     * must stay finite for ever (the bound is the family's). Null when skipping is off.
     */
    public Operand<Boolean> finiteWithGradientsBelow(Ops tf, float bound) {
        if (finite == null) {
            return null;
        }
        Operand<Float> maxAbs = guard.maxAbsGradient().orElseThrow();
        return tf.math.logicalAnd(finite, tf.math.less(maxAbs, tf.constant(bound)));
    }

    /** step, skippedSteps and the learning rate of the last applied step (before any: of the first). */
    public Diagnostics diagnostics(Ops tf) {
        Operand<Float> last = tf.math.maximum(tf.math.sub(guard.step(), tf.constant(1f)), tf.constant(0f));
        Operand<Float> lastRate = tf.math.mul(tf.constant((float) config.learningRate()),
                config.schedule().factor(tf, last));
        return guard.diagnostics().add(Diagnostic.LEARNING_RATE, lastRate).build();
    }
}
