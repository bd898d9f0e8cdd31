package org.arturo

import org.arturo.kotlindl.KotlinDlOptimizer
import org.arturo.tf.baselines.AdamConfig
import org.arturo.tf.baselines.AdamPreset
import org.arturo.tf.baselines.AdamWPreset
import org.arturo.tf.baselines.SgdConfig
import org.arturo.tf.baselines.SgdPreset

// The baselines of the paper as KotlinDL optimizers, written like `arturo { }`: same schedule block,
// same gradient clipping, same telemetry and checkpoints (the same KotlinDlOptimizer runs them).
// Unlike KotlinDL's own Adam, their bias correction advances with a saved step counter.

/** SGD with momentum: `sgd { learningRate = 0.07; momentum = 0.87 }`; unset values are [SgdConfig.defaults]. */
public fun sgd(block: SgdBuilder.() -> Unit = {}): KotlinDlOptimizer = sgd(SgdConfig.defaults(), block)

/** SGD starting from a [preset]'s tuned values, overriding single ones in [block]. */
public fun sgd(preset: SgdPreset, block: SgdBuilder.() -> Unit = {}): KotlinDlOptimizer =
    optimizer(SgdBuilder(preset.config(), preset), block)

/** SGD starting from [base] (its schedule included). */
public fun sgd(base: SgdConfig, block: SgdBuilder.() -> Unit = {}): KotlinDlOptimizer =
    optimizer(SgdBuilder(base, SgdPreset.FASHION_MNIST_CNN), block)

/** Adam with coupled weight decay: `adam { learningRate = 1e-3 }`; unset values are [AdamConfig.defaults]. */
public fun adam(block: AdamBuilder.() -> Unit = {}): KotlinDlOptimizer = adam(AdamConfig.defaults(), block)

/** Adam starting from a [preset]'s tuned values, overriding single ones in [block]. */
public fun adam(preset: AdamPreset, block: AdamBuilder.() -> Unit = {}): KotlinDlOptimizer =
    optimizer(AdamBuilder(preset.config(), preset), block)

/**
 * Adam or AdamW starting from [base] (its schedule and decoupled-decay flag included). Its paper
 * schedule is the Fashion-MNIST CNN column's.
 */
public fun adam(base: AdamConfig, block: AdamBuilder.() -> Unit = {}): KotlinDlOptimizer =
    optimizer(AdamBuilder(base, if (base.decoupledWeightDecay()) AdamWPreset.FASHION_MNIST_CNN else AdamPreset.FASHION_MNIST_CNN), block)

/** AdamW (decoupled weight decay): `adamW { weightDecay = 0.01 }`; unset values are [AdamConfig.adamWDefaults]. */
public fun adamW(block: AdamBuilder.() -> Unit = {}): KotlinDlOptimizer = adam(AdamConfig.adamWDefaults(), block)

/** AdamW starting from a [preset]'s tuned values, overriding single ones in [block]. */
public fun adamW(preset: AdamWPreset, block: AdamBuilder.() -> Unit = {}): KotlinDlOptimizer =
    optimizer(AdamBuilder(preset.config(), preset), block)
