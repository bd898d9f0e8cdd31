package org.arturo

import io.kotest.matchers.collections.shouldContainAll
import io.kotest.matchers.shouldBe
import org.jetbrains.kotlinx.dl.api.core.Sequential
import org.jetbrains.kotlinx.dl.api.core.activation.Activations
import org.jetbrains.kotlinx.dl.api.core.layer.convolutional.Conv2D
import org.jetbrains.kotlinx.dl.api.core.layer.core.Dense
import org.jetbrains.kotlinx.dl.api.core.layer.core.Input
import org.jetbrains.kotlinx.dl.api.core.layer.pooling.MaxPool2D
import org.jetbrains.kotlinx.dl.api.core.layer.reshaping.Flatten
import org.jetbrains.kotlinx.dl.api.core.layer.weights
import org.jetbrains.kotlinx.dl.api.core.loss.Losses
import org.jetbrains.kotlinx.dl.api.core.metric.Metrics
import org.jetbrains.kotlinx.dl.api.core.optimizer.Optimizer

/** Small Fashion-MNIST models with KotlinDL's fixed-seed initializers: equal weights on every build. */
object TestModels {
    /** conv(8, 3×3) → max-pool → conv(16, 3×3) → max-pool → dense(10): 8.7k parameters. */
    fun cnn(): Sequential = Sequential.of(
        Input(28, 28, 1),
        Conv2D(filters = 8, kernelSize = 3, activation = Activations.Relu),
        MaxPool2D(poolSize = 2, strides = 2),
        Conv2D(filters = 16, kernelSize = 3, activation = Activations.Relu),
        MaxPool2D(poolSize = 2, strides = 2),
        Flatten(),
        Dense(outputSize = 10, activation = Activations.Linear),
    )

    /** dense(32, ReLU) → dense(10) on flattened pixels: 25k parameters. */
    fun mlp(): Sequential = Sequential.of(
        Input(28, 28, 1),
        Flatten(),
        Dense(outputSize = 32, activation = Activations.Relu),
        Dense(outputSize = 10, activation = Activations.Linear),
    )

    fun Sequential.compileWith(optimizer: Optimizer): Sequential = apply {
        compile(optimizer = optimizer, loss = Losses.SOFT_MAX_CROSS_ENTROPY_WITH_LOGITS, metric = Metrics.ACCURACY)
    }

    /** Every trainable weight, flattened, by layer and variable name. */
    fun Sequential.parameters(): Map<String, FloatArray> =
        layers.flatMap { layer -> layer.weights.map { (name, value) -> "${layer.name}/$name" to flatten(value) } }.toMap()

    private fun flatten(value: Any?): FloatArray = ArrayList<Float>().also { appendTo(it, value) }.toFloatArray()

    private fun appendTo(out: MutableList<Float>, value: Any?) {
        when (value) {
            is FloatArray -> value.forEach { out += it }
            is Float -> out += value
            is Array<*> -> value.forEach { appendTo(out, it) }
            else -> error("unexpected weight element ${value?.javaClass}")
        }
    }
}

/** Largest |a − b| over all parameters (the maps must have the same keys and shapes). */
fun maxAbsDifference(a: Map<String, FloatArray>, b: Map<String, FloatArray>): Double {
    a.keys shouldContainAll b.keys
    b.keys shouldContainAll a.keys
    return a.keys.maxOf { key ->
        val x = a.getValue(key)
        val y = b.getValue(key)
        x.size shouldBe y.size
        x.indices.maxOfOrNull { i -> kotlin.math.abs(x[i].toDouble() - y[i].toDouble()) } ?: 0.0
    }
}
