package org.arturo.samples.model

import org.jetbrains.kotlinx.dl.api.core.Sequential
import org.jetbrains.kotlinx.dl.api.core.activation.Activations
import org.jetbrains.kotlinx.dl.api.core.initializer.RandomUniform
import org.jetbrains.kotlinx.dl.api.core.layer.core.Dense
import org.jetbrains.kotlinx.dl.api.core.layer.core.Input
import org.jetbrains.kotlinx.dl.api.core.layer.reshaping.Flatten
import kotlin.math.sqrt

/**
 * A dense Fashion-MNIST network large enough that the optimizer's update weighs in the training step:
 * 784 → 1024 → 256 (ReLU) → 10 logits, 1,068,810 parameters, PyTorch-style uniform initialization.
 */
object WideMlp {
    /** Parameters of the model, for reports. */
    const val PARAMETER_COUNT = 1_068_810

    fun build(seed: Long = 42): Sequential {
        var layerSeed = seed * 1_000
        fun dense(units: Int, fanIn: Int, activation: Activations, name: String): Dense {
            val bound = (1.0 / sqrt(fanIn.toDouble())).toFloat()
            return Dense(outputSize = units, activation = activation, name = name,
                kernelInitializer = RandomUniform(maxVal = bound, minVal = -bound, seed = layerSeed++),
                biasInitializer = RandomUniform(maxVal = bound, minVal = -bound, seed = layerSeed++))
        }
        return Sequential.of(
            Input(28, 28, 1, name = "image"),
            Flatten(name = "flatten"),
            dense(1024, 784, Activations.Relu, "dense1"),
            dense(256, 1024, Activations.Relu, "dense2"),
            dense(10, 256, Activations.Linear, "logits"),
        )
    }
}
