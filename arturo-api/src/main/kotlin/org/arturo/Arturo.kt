package org.arturo

import org.arturo.tf.ArturoConfig
import org.arturo.tf.ArturoOptimizer
import org.arturo.tf.ArturoPreset

/**
 * arTuRO as a KotlinDL optimizer:
 * ```
 * model.compile(optimizer = arturo { epsilon = 0.0028 }, loss = Losses.SOFT_MAX_CROSS_ENTROPY_WITH_LOGITS, metric = Metrics.ACCURACY)
 * ```
 * Unset values are the defaults of [ArturoConfig] (the paper's Fashion-MNIST CNN column).
 */
public fun arturo(block: ArturoBuilder.() -> Unit = {}): KotlinDlOptimizer = arturo(ArturoConfig.defaults(), null, block)

/** arTuRO starting from a [preset]'s tuned values, overriding single ones in [block]. */
public fun arturo(preset: ArturoPreset, block: ArturoBuilder.() -> Unit = {}): KotlinDlOptimizer =
    arturo(preset.config(), preset, block)

/** arTuRO starting from [base] (its schedule included), overriding single values in [block]. */
public fun arturo(base: ArturoConfig, block: ArturoBuilder.() -> Unit = {}): KotlinDlOptimizer =
    arturo(base, null, block)

private fun arturo(base: ArturoConfig, preset: ArturoPreset?, block: ArturoBuilder.() -> Unit): KotlinDlOptimizer {
    val builder = ArturoBuilder(base, preset).apply(block)
    return KotlinDlOptimizer(ArturoOptimizer(builder.buildConfig()), builder.clipGradient)
}

/** The arTuRO configuration this optimizer runs with. */
public val KotlinDlOptimizer.arturoConfig: ArturoConfig
    get() = (graphOptimizer() as? ArturoOptimizer)?.config()
        ?: throw IllegalStateException("$this does not run arTuRO but $optimizerName")
