package org.arturo.samples.model

import org.jetbrains.kotlinx.dl.api.core.Sequential
import org.jetbrains.kotlinx.dl.api.core.activation.Activations
import org.jetbrains.kotlinx.dl.api.core.initializer.RandomUniform
import org.jetbrains.kotlinx.dl.api.core.layer.convolutional.ConvPadding
import org.jetbrains.kotlinx.dl.api.core.layer.convolutional.Conv2D
import org.jetbrains.kotlinx.dl.api.core.layer.core.Dense
import org.jetbrains.kotlinx.dl.api.core.layer.core.Input
import org.jetbrains.kotlinx.dl.api.core.layer.pooling.MaxPool2D
import org.jetbrains.kotlinx.dl.api.core.layer.reshaping.Flatten
import kotlin.math.sqrt

/**
 * The paper's Fashion-MNIST CNN (Dahlinger et al. 2023, App. B): three 3×3 convolutions with 32, 64
 * and 128 filters (no padding, ReLU), 2×2 max-pooling after the first two, dropout 0.2 after each
 * convolution block, then Dense 256 (ReLU), dropout 0.5 and Dense 10 (logits). 390,410 parameters.
 *
 * Weights and biases start as in PyTorch's layer defaults, U(−1/√fan_in, 1/√fan_in), because the
 * paper's tuned hyperparameters were found with that initialization.
 */
object FashionMnistCnn {
    /** Parameters of the model, for reports. */
    const val PARAMETER_COUNT = 390_410

    /** [dropout] false leaves the dropout layers out (a deterministic forward pass, e.g. to compare two runs). */
    fun build(seed: Long = 42, dropout: Boolean = true): Sequential {
        var layerSeed = seed * 1_000
        fun init(fanIn: Int): RandomUniform {
            val bound = (1.0 / sqrt(fanIn.toDouble())).toFloat()
            return RandomUniform(maxVal = bound, minVal = -bound, seed = layerSeed++)
        }
        fun conv(filters: Int, inChannels: Int, name: String) = Conv2D(
            filters = filters, kernelSize = intArrayOf(3, 3), strides = intArrayOf(1, 1, 1, 1),
            activation = Activations.Relu, padding = ConvPadding.VALID,
            kernelInitializer = init(9 * inChannels), biasInitializer = init(9 * inChannels), name = name,
        )
        fun dense(units: Int, fanIn: Int, activation: Activations, name: String) = Dense(
            outputSize = units, activation = activation,
            kernelInitializer = init(fanIn), biasInitializer = init(fanIn), name = name,
        )
        fun pool(name: String) = MaxPool2D(poolSize = intArrayOf(1, 2, 2, 1), strides = intArrayOf(1, 2, 2, 1), name = name)
        fun dropout(rate: Float, name: String) = TrainingDropout(rate, seed = layerSeed++, name = name)

        val layers = listOfNotNull(
            Input(28, 28, 1, name = "image"),
            conv(32, 1, "conv1"), pool("pool1"), dropout(0.2f, "dropout1"),
            conv(64, 32, "conv2"), pool("pool2"), dropout(0.2f, "dropout2"),
            conv(128, 64, "conv3"), dropout(0.2f, "dropout3"),
            Flatten(name = "flatten"),
            dense(256, 3 * 3 * 128, Activations.Relu, "dense1"), dropout(0.5f, "dropout4"),
            dense(10, 256, Activations.Linear, "logits"),
        ).filter { dropout || it !is TrainingDropout }
        return Sequential.of(layers)
    }
}
