package org.arturo

import org.arturo.tf.GraphOptimizer
import org.arturo.tf.InvalidHyperparameterException
import org.arturo.tf.baselines.AdamConfig
import org.arturo.tf.baselines.AdamOptimizer
import org.arturo.tf.baselines.SgdConfig
import org.arturo.tf.baselines.SgdOptimizer
import org.arturo.tf.config.LearningRateConfig
import org.arturo.tf.preset.Preset

// The receivers of `sgd { }`, `adam { }` and `adamW { }`: thin views of the core builders
// (org.arturo.tf.baselines), which check every value the moment it is set and throw
// InvalidHyperparameterException naming the property. The schedule scales the learning rate.

/**
 * What every learning-rate optimizer block shares, over the core's [LearningRateConfig.Builder]: the
 * learning rate, weight decay and the skip policy, besides [OptimizerScope]'s schedule and clipping.
 */
public abstract class LearningRateScope<B : LearningRateConfig.Builder<B, *>> internal constructor(
    base: LearningRateConfig,
    blockName: String,
    paperPreset: Preset<*>,
    /** The core builder the properties write through. */
    internal val core: B,
) : OptimizerScope(base.schedule(), blockName, paperPreset) {
    /** lr, before the schedule. */
    public var learningRate: Double by setting(base.learningRate()) { core.learningRate(it) }

    /** Weight decay: coupled L2 for `sgd` and `adam`, decoupled (scaled by the scheduled lr) for `adamW`. */
    public var weightDecay: Double by setting(base.weightDecay()) { core.weightDecay(it) }

    /** Skip (and count) a step whose gradient holds NaN or ±∞; false turns every guard off (PyTorch's behaviour). */
    public var skipNonFinite: Boolean by setting(base.skipNonFinite()) { core.skipNonFinite(it) }

    /**
     * With [skipNonFinite]: skip (and count as `outlierSteps`) a step whose largest gradient element
     * exceeds this factor times the running scale of recent gradients; `Double.POSITIVE_INFINITY` turns
     * the outlier guard off (docs/algorithm.md, "Outlier guard"). Default 1000.
     */
    public var outlierFactor: Double by setting(base.outlierFactor()) { core.outlierFactor(it) }

    /** The core builder with the resolved schedule. */
    internal fun resolvedCore(): B = core.schedule(resolveSchedule())
}

/** The receiver of `sgd { }`: SGD with momentum (docs/baselines.md). */
public class SgdBuilder internal constructor(base: SgdConfig, preset: Preset<*>) :
    LearningRateScope<SgdConfig.Builder>(base, "sgd", preset, base.toBuilder()) {
    /** μ: weight of the previous velocity; 0 is plain SGD. */
    public var momentum: Double by setting(base.momentum()) { core.momentum(it) }

    /** Nesterov momentum (needs momentum > 0). */
    public var nesterov: Boolean by setting(base.nesterov()) { core.nesterov(it) }

    override fun buildOptimizer(): GraphOptimizer = SgdOptimizer(resolvedCore().build())
}

/** The receiver of `adam { }` (coupled L2 weight decay) and `adamW { }` (decoupled): docs/baselines.md. */
public class AdamBuilder internal constructor(base: AdamConfig, preset: Preset<*>) :
    LearningRateScope<AdamConfig.Builder>(base, if (base.decoupledWeightDecay()) "adamW" else "adam", preset, base.toBuilder()) {
    /** β1: decay of the first moment. */
    public var beta1: Double by setting(base.beta1()) { core.beta1(it) }

    /** β2: decay of the second moment. */
    public var beta2: Double by setting(base.beta2()) { core.beta2(it) }

    /** The denominator's ε (numerical safety, not arTuRO's KL bound). */
    public var epsilon: Double by setting(base.epsilon()) { core.epsilon(it) }

    override fun buildOptimizer(): GraphOptimizer = AdamOptimizer(resolvedCore().build())
}
