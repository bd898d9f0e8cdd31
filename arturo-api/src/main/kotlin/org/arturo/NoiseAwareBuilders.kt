package org.arturo

import org.arturo.tf.GraphOptimizer
import org.arturo.tf.baselines.SgdPreset
import org.arturo.tf.config.LearningRateConfig
import org.arturo.tf.noise.NoiseAwareConfig
import org.arturo.tf.noise.NoiseAwareConfig.Method
import org.arturo.tf.noise.NoiseAwareOptimizer

// The receivers of `ssd { }`, `msgd { }`, `mssd { }`, `svag { }`, `msvag { }` and `adamStar { }`: thin
// views of NoiseAwareConfig.Builder (org.arturo.tf.noise), which checks every value the moment it is
// set. They share LearningRateScope with `sgd { }` and `adam { }`: learning rate, weight decay, skip
// policy, schedule (of the learning rate), stepsPerEpoch and clipping. The learning rate has no
// default (the thesis tunes it per problem): it reads NaN until set, and a block that never sets it
// fails when it ends. paperSchedule(epochs) is SGD's: lr × 0.1 at 50% and 75% of training.

/** The receiver of `ssd { }`: sign descent, θ ← θ − α_t·sign(g). It keeps no average, so it has no β. */
public class SsdBuilder internal constructor(base: LearningRateConfig, core: NoiseAwareConfig.Builder) :
    LearningRateScope<NoiseAwareConfig.Builder>(base, "ssd", SgdPreset.FASHION_MNIST_CNN, core) {
    override fun buildOptimizer(): GraphOptimizer = NoiseAwareOptimizer(resolvedCore().build())
}

/**
 * The receiver of `msgd { }`, `mssd { }`, `svag { }`, `msvag { }`, `adamStar { }` and `noiseAware(...) { }`:
 * a noise-aware method that averages the gradient (docs/noise-aware.md).
 */
public class NoiseAwareBuilder internal constructor(
    base: LearningRateConfig,
    initialBeta: Double,
    core: NoiseAwareConfig.Builder,
) : LearningRateScope<NoiseAwareConfig.Builder>(base, blockName(core.method()), SgdPreset.FASHION_MNIST_CNN, core) {
    /** Which method this block builds. */
    public val method: Method get() = core.method()

    /** β in (0, 1): the decay of the moving averages of g (and of its variance). Default 0.9. */
    public var beta: Double by setting(initialBeta) { core.beta(it) }

    override fun buildOptimizer(): GraphOptimizer = NoiseAwareOptimizer(resolvedCore().build())
}

/** The block's name in messages: the entry point that builds [method]. */
private fun blockName(method: Method): String = when (method) {
    Method.SSD -> "ssd"
    Method.M_SGD -> "msgd"
    Method.M_SSD -> "mssd"
    Method.SVAG -> "svag"
    Method.M_SVAG -> "msvag"
    Method.ADAM_STAR -> "adamStar"
    Method.M_SVAG_MB -> "noiseAware(M_SVAG_MB)"
}

/** KotlinDL's fit gives an optimizer the mean gradient only; a method that needs more cannot run there. */
private fun requireKotlinDlCanRun(method: Method): Method {
    if (method.needsGradientVariances()) {
        throw org.arturo.tf.InvalidHyperparameterException("method", method.key(),
            "a method KotlinDL's fit can run: $method needs the within-batch variance of every gradient element, " +
                "which fit does not compute; build it on your own graph with StepInputs.withGradientVariances")
    }
    return method
}

/** A fresh block for [method]: the core builder's defaults, the learning rate unset. */
internal fun noiseAwareBuilder(method: Method): NoiseAwareBuilder =
    NoiseAwareBuilder(UnsetLearningRate.config, NoiseAwareConfig.DEFAULT_BETA, NoiseAwareConfig.builder(requireKotlinDlCanRun(method)))

internal fun ssdBuilder(): SsdBuilder = SsdBuilder(UnsetLearningRate.config, NoiseAwareConfig.builder(Method.SSD))

/** A block starting from [base]: its method and every value, schedule included. */
internal fun noiseAwareBuilder(base: NoiseAwareConfig): NoiseAwareBuilder {
    requireKotlinDlCanRun(base.method())
    return NoiseAwareBuilder(base, base.beta(), base.toBuilder())
}

/**
 * What an empty block's shared properties read before they are set: the core's shared defaults, with
 * the learning rate NaN (a NoiseAwareConfig cannot exist without one). Only the properties' start
 * values come from here; every setting goes to the core builder.
 */
private object UnsetLearningRate {
    private class Values(b: ValuesBuilder) : LearningRateConfig(b)

    private class ValuesBuilder : LearningRateConfig.Builder<ValuesBuilder, Values>(Double.NaN, 0.0) {
        override fun self(): ValuesBuilder = this
        override fun build(): Values = Values(this)
    }

    val config: LearningRateConfig = ValuesBuilder().build()
}
