package org.arturo

import org.arturo.kotlindl.KotlinDlOptimizer
import org.arturo.tf.noise.NoiseAwareConfig
import org.arturo.tf.noise.NoiseAwareConfig.Method

// The noise-aware optimizers of Balles' thesis (docs/noise-aware.md) as KotlinDL optimizers, written
// like `sgd { }`: same schedule block, gradient clipping, telemetry (plus `meanFactor`) and
// checkpoints. The learning rate has no default: set it in every block.

/** Sign descent: `ssd { learningRate = 3e-4 }`; θ ← θ − α_t·sign(g). */
public fun ssd(block: SsdBuilder.() -> Unit): KotlinDlOptimizer = optimizer(ssdBuilder(), block)

/** M-SGD, momentum SGD in the thesis's form: `msgd { learningRate = 0.1 }`; θ ← θ − α_t·m. */
public fun msgd(block: NoiseAwareBuilder.() -> Unit): KotlinDlOptimizer = noiseAware(Method.M_SGD, block)

/** M-SSD, momentum sign descent: `mssd { learningRate = 3e-4 }`; θ ← θ − α_t·sign(m). */
public fun mssd(block: NoiseAwareBuilder.() -> Unit): KotlinDlOptimizer = noiseAware(Method.M_SSD, block)

/** SVAG: `svag { learningRate = 0.1 }`; θ ← θ − α_t·γ^g·g, γ^g = m²/(m² + ŝ). */
public fun svag(block: NoiseAwareBuilder.() -> Unit): KotlinDlOptimizer = noiseAware(Method.SVAG, block)

/** M-SVAG: `msvag { learningRate = 0.3 }`; θ ← θ − α_t·γ^m·m, γ^m = m²/(m² + ρ(β,t)·ŝ). */
public fun msvag(block: NoiseAwareBuilder.() -> Unit): KotlinDlOptimizer = noiseAware(Method.M_SVAG, block)

/** Adam*: `adamStar { learningRate = 1e-3 }`; θ ← θ − α_t·√γ^m·sign(m). */
public fun adamStar(block: NoiseAwareBuilder.() -> Unit): KotlinDlOptimizer = noiseAware(Method.ADAM_STAR, block)

/**
 * Any noise-aware [method] averaging the gradient, chosen at run time (e.g. from a command line):
 * `noiseAware(Method.of("m-svag")) { learningRate = 0.3 }`. For SSD, [NoiseAwareBuilder.beta] throws.
 */
public fun noiseAware(method: Method, block: NoiseAwareBuilder.() -> Unit): KotlinDlOptimizer =
    optimizer(noiseAwareBuilder(method), block)

/** The method and values of [base] (its schedule included), overriding single ones in [block]. */
public fun noiseAware(base: NoiseAwareConfig, block: NoiseAwareBuilder.() -> Unit = {}): KotlinDlOptimizer =
    optimizer(noiseAwareBuilder(base), block)
