package org.arturo

import org.arturo.kotlindl.KotlinDlOptimizer
import org.arturo.tf.arturo.ArturoConfig
import org.arturo.tf.arturo.ArturoOptimizer
import org.arturo.tf.arturo.ArturoPreset

/**
 * arTuRO as a KotlinDL optimizer:
 * ```
 * model.compile(optimizer = arturo { epsilon = 0.0028 }, loss = Losses.SOFT_MAX_CROSS_ENTROPY_WITH_LOGITS, metric = Metrics.ACCURACY)
 * ```
 * Unset values are the defaults of [ArturoConfig] (the paper's Fashion-MNIST CNN column).
 */
public fun arturo(block: ArturoBuilder.() -> Unit = {}): KotlinDlOptimizer =
    optimizer(ArturoBuilder(ArturoConfig.defaults(), null), block)

/** arTuRO starting from a [preset]'s tuned values, overriding single ones in [block]. */
public fun arturo(preset: ArturoPreset, block: ArturoBuilder.() -> Unit = {}): KotlinDlOptimizer =
    optimizer(ArturoBuilder(preset.config(), preset), block)

/** arTuRO starting from [base] (its schedule included), overriding single values in [block]. */
public fun arturo(base: ArturoConfig, block: ArturoBuilder.() -> Unit = {}): KotlinDlOptimizer =
    optimizer(ArturoBuilder(base, null), block)

/** The arTuRO configuration this optimizer runs with. */
public val KotlinDlOptimizer.arturoConfig: ArturoConfig
    get() = (graphOptimizer() as? ArturoOptimizer)?.config()
        ?: throw IllegalStateException("$this does not run arTuRO but $optimizerName")
