package org.arturo.samples.model

import org.jetbrains.kotlinx.dl.api.core.Sequential
import org.jetbrains.kotlinx.dl.api.core.activation.Activations
import org.jetbrains.kotlinx.dl.api.core.initializer.Constant
import org.jetbrains.kotlinx.dl.api.core.initializer.GlorotNormal
import org.jetbrains.kotlinx.dl.api.core.layer.convolutional.Conv2D
import org.jetbrains.kotlinx.dl.api.core.layer.convolutional.ConvPadding
import org.jetbrains.kotlinx.dl.api.core.layer.core.Dense
import org.jetbrains.kotlinx.dl.api.core.layer.core.Input
import org.jetbrains.kotlinx.dl.api.core.layer.pooling.MaxPool2D
import org.jetbrains.kotlinx.dl.api.core.layer.reshaping.Flatten

/**
 * The CNN of Balles' thesis for its problem P1 (App. B.1.1): two 5×5 convolutions with 32 and 64
 * filters, each followed by 3×3 max-pooling with stride 2, a dense layer of 1024 units, ReLU
 * everywhere, 10 logits, no dropout or regularization. 3,274,634 parameters.
 *
 * The thesis gives neither padding nor initialization. Padding is SAME (28 → 14 → 7, the TensorFlow
 * tutorial convention its code base followed); weights are Glorot-normal and biases 0.05, the
 * initialization of the same network in the DeepOBS benchmark suite by the thesis's group (zero biases
 * let M-SVAG's first step at α = 0.3, an SGD step, switch off most ReLUs). Seeded, so every optimizer
 * starts from the same weights.
 */
object ThesisCnn {
    const val PARAMETER_COUNT = 3_274_634

    /**
     * The network; [filters1], [filters2] and [units] narrow it (the cabs sample uses a quarter of the
     * width, 8/16/64: 54,314 parameters, so that its 20 runs fit in minutes on two cores).
     */
    fun build(seed: Long = 42, filters1: Int = 32, filters2: Int = 64, units: Int = 1024): Sequential {
        var layerSeed = seed * 1_000
        fun conv(filters: Int, name: String) = Conv2D(
            filters = filters, kernelSize = intArrayOf(5, 5), strides = intArrayOf(1, 1, 1, 1),
            activation = Activations.Relu, padding = ConvPadding.SAME,
            kernelInitializer = GlorotNormal(layerSeed++), biasInitializer = Constant(0.05f), name = name,
        )
        fun pool(name: String) = MaxPool2D(poolSize = intArrayOf(1, 3, 3, 1), strides = intArrayOf(1, 2, 2, 1),
            padding = ConvPadding.SAME, name = name)
        fun dense(units: Int, activation: Activations, name: String) = Dense(
            outputSize = units, activation = activation,
            kernelInitializer = GlorotNormal(layerSeed++), biasInitializer = Constant(0.05f), name = name,
        )
        return Sequential.of(
            Input(28, 28, 1, name = "image"),
            conv(filters1, "conv1"), pool("pool1"),
            conv(filters2, "conv2"), pool("pool2"),
            Flatten(name = "flatten"),
            dense(units, Activations.Relu, "dense1"),
            dense(10, Activations.Linear, "logits"),
        )
    }
}
