package org.arturo

import org.arturo.tf.baselines.AdamConfig
import org.arturo.tf.baselines.AdamOptimizer
import org.arturo.tf.baselines.AdamPreset
import org.arturo.tf.baselines.AdamWConfig
import org.arturo.tf.baselines.AdamWOptimizer
import org.arturo.tf.baselines.AdamWPreset
import org.arturo.tf.baselines.SgdConfig
import org.arturo.tf.baselines.SgdOptimizer
import org.arturo.tf.baselines.SgdPreset

// The baselines of the paper as KotlinDL optimizers, written like `arturo { }`: same schedule block,
// same gradient clipping, same telemetry and checkpoints (the same KotlinDlOptimizer runs them).
// Unlike KotlinDL's own Adam, their bias correction advances with a saved step counter.

/** SGD with momentum: `sgd { learningRate = 0.07; momentum = 0.87 }`; unset values are [SgdConfig.defaults]. */
public fun sgd(block: SgdBuilder.() -> Unit = {}): KotlinDlOptimizer = sgd(SgdConfig.defaults(), null, block)

/** SGD starting from a [preset]'s tuned values, overriding single ones in [block]. */
public fun sgd(preset: SgdPreset, block: SgdBuilder.() -> Unit = {}): KotlinDlOptimizer =
    sgd(preset.config(), preset, block)

/** SGD starting from [base] (its schedule included). */
public fun sgd(base: SgdConfig, block: SgdBuilder.() -> Unit = {}): KotlinDlOptimizer = sgd(base, null, block)

private fun sgd(base: SgdConfig, preset: SgdPreset?, block: SgdBuilder.() -> Unit): KotlinDlOptimizer {
    val builder = SgdBuilder(base, preset).apply(block)
    return KotlinDlOptimizer(SgdOptimizer(builder.buildConfig()), builder.clipGradient)
}

/** Adam with coupled weight decay: `adam { learningRate = 1e-3 }`; unset values are [AdamConfig.defaults]. */
public fun adam(block: AdamBuilder.() -> Unit = {}): KotlinDlOptimizer = adam(AdamConfig.defaults(), null, block)

/** Adam starting from a [preset]'s tuned values, overriding single ones in [block]. */
public fun adam(preset: AdamPreset, block: AdamBuilder.() -> Unit = {}): KotlinDlOptimizer =
    adam(preset.config(), preset, block)

/** Adam starting from [base] (its schedule included). */
public fun adam(base: AdamConfig, block: AdamBuilder.() -> Unit = {}): KotlinDlOptimizer = adam(base, null, block)

private fun adam(base: AdamConfig, preset: AdamPreset?, block: AdamBuilder.() -> Unit): KotlinDlOptimizer {
    val builder = AdamBuilder(base, preset).apply(block)
    return KotlinDlOptimizer(AdamOptimizer(builder.buildConfig()), builder.clipGradient)
}

/** AdamW (decoupled weight decay): `adamW { weightDecay = 0.01 }`; unset values are [AdamWConfig.defaults]. */
public fun adamW(block: AdamWBuilder.() -> Unit = {}): KotlinDlOptimizer = adamW(AdamWConfig.defaults(), null, block)

/** AdamW starting from a [preset]'s tuned values, overriding single ones in [block]. */
public fun adamW(preset: AdamWPreset, block: AdamWBuilder.() -> Unit = {}): KotlinDlOptimizer =
    adamW(preset.config(), preset, block)

/** AdamW starting from [base] (its schedule included). */
public fun adamW(base: AdamWConfig, block: AdamWBuilder.() -> Unit = {}): KotlinDlOptimizer = adamW(base, null, block)

private fun adamW(base: AdamWConfig, preset: AdamWPreset?, block: AdamWBuilder.() -> Unit): KotlinDlOptimizer {
    val builder = AdamWBuilder(base, preset).apply(block)
    return KotlinDlOptimizer(AdamWOptimizer(builder.buildConfig()), builder.clipGradient)
}
