package org.arturo

import org.arturo.tf.InvalidHyperparameterException
import org.arturo.tf.baselines.AdamConfig
import org.arturo.tf.baselines.AdamPreset
import org.arturo.tf.baselines.AdamWConfig
import org.arturo.tf.baselines.AdamWPreset
import org.arturo.tf.baselines.SgdConfig
import org.arturo.tf.baselines.SgdPreset

// The receivers of `sgd { }`, `adam { }` and `adamW { }`: thin views of the baselines' core builders
// (org.arturo.tf.baselines), which check every value the moment it is set and throw
// InvalidHyperparameterException naming the property. The schedule scales the learning rate.

/** The receiver of `sgd { }`: SGD with momentum (docs/baselines.md). */
public class SgdBuilder internal constructor(base: SgdConfig, preset: SgdPreset?) : ScheduleScope(
    base.schedule(), "sgd", (preset ?: SgdPreset.FASHION_MNIST_CNN).name,
    (preset ?: SgdPreset.FASHION_MNIST_CNN)::paperSchedule,
) {
    private val core: SgdConfig.Builder = base.toBuilder()

    /** lr, before the schedule. */
    public var learningRate: Double = base.learningRate()
        set(value) { core.learningRate(value); field = value }

    /** μ: weight of the previous velocity; 0 is plain SGD. */
    public var momentum: Double = base.momentum()
        set(value) { core.momentum(value); field = value }

    /** Coupled L2 weight decay. */
    public var weightDecay: Double = base.weightDecay()
        set(value) { core.weightDecay(value); field = value }

    /** Nesterov momentum (needs momentum > 0). */
    public var nesterov: Boolean = base.nesterov()
        set(value) { core.nesterov(value); field = value }

    /** Skip (and count) a step whose gradient holds NaN or ±∞. */
    public var skipNonFinite: Boolean = base.skipNonFinite()
        set(value) { core.skipNonFinite(value); field = value }

    internal fun buildConfig(): SgdConfig = core.schedule(resolveSchedule()).build()
}

/** The receiver of `adam { }`: Adam with coupled (L2) weight decay (docs/baselines.md). */
public class AdamBuilder internal constructor(base: AdamConfig, preset: AdamPreset?) : ScheduleScope(
    base.schedule(), "adam", (preset ?: AdamPreset.FASHION_MNIST_CNN).name,
    (preset ?: AdamPreset.FASHION_MNIST_CNN)::paperSchedule,
) {
    private val core: AdamConfig.Builder = base.toBuilder()

    /** lr, before the schedule. */
    public var learningRate: Double = base.learningRate()
        set(value) { core.learningRate(value); field = value }

    /** β1: decay of the first moment. */
    public var beta1: Double = base.beta1()
        set(value) { core.beta1(value); field = value }

    /** β2: decay of the second moment. */
    public var beta2: Double = base.beta2()
        set(value) { core.beta2(value); field = value }

    /** The denominator's ε (numerical safety, not arTuRO's KL bound). */
    public var epsilon: Double = base.epsilon()
        set(value) { core.epsilon(value); field = value }

    /** Coupled L2 weight decay, added to the gradient. */
    public var weightDecay: Double = base.weightDecay()
        set(value) { core.weightDecay(value); field = value }

    /** Skip (and count) a step whose gradient holds NaN or ±∞. */
    public var skipNonFinite: Boolean = base.skipNonFinite()
        set(value) { core.skipNonFinite(value); field = value }

    internal fun buildConfig(): AdamConfig = core.schedule(resolveSchedule()).build()
}

/** The receiver of `adamW { }`: Adam with decoupled weight decay (docs/baselines.md). */
public class AdamWBuilder internal constructor(base: AdamWConfig, preset: AdamWPreset?) : ScheduleScope(
    base.schedule(), "adamW", (preset ?: AdamWPreset.FASHION_MNIST_CNN).name,
    (preset ?: AdamWPreset.FASHION_MNIST_CNN)::paperSchedule,
) {
    private val core: AdamWConfig.Builder = base.toBuilder()

    /** lr, before the schedule. */
    public var learningRate: Double = base.learningRate()
        set(value) { core.learningRate(value); field = value }

    /** β1: decay of the first moment. */
    public var beta1: Double = base.beta1()
        set(value) { core.beta1(value); field = value }

    /** β2: decay of the second moment. */
    public var beta2: Double = base.beta2()
        set(value) { core.beta2(value); field = value }

    /** The denominator's ε (numerical safety, not arTuRO's KL bound). */
    public var epsilon: Double = base.epsilon()
        set(value) { core.epsilon(value); field = value }

    /** Decoupled weight decay, scaled by the scheduled learning rate. */
    public var weightDecay: Double = base.weightDecay()
        set(value) { core.weightDecay(value); field = value }

    /** Skip (and count) a step whose gradient holds NaN or ±∞. */
    public var skipNonFinite: Boolean = base.skipNonFinite()
        set(value) { core.skipNonFinite(value); field = value }

    internal fun buildConfig(): AdamWConfig = core.schedule(resolveSchedule()).build()
}
