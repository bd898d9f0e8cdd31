// The Kotlin quick start of README.md and docs/guide.md, verbatim between the markers;
// QuickStartSpec runs it and checks that docs/guide.md shows exactly this code.
package org.arturo.quickstart

// README:begin
import org.arturo.arturo
import org.jetbrains.kotlinx.dl.api.core.Sequential
import org.jetbrains.kotlinx.dl.api.core.activation.Activations
import org.jetbrains.kotlinx.dl.api.core.layer.core.Dense
import org.jetbrains.kotlinx.dl.api.core.layer.core.Input
import org.jetbrains.kotlinx.dl.api.core.layer.reshaping.Flatten
import org.jetbrains.kotlinx.dl.api.core.loss.Losses
import org.jetbrains.kotlinx.dl.api.core.metric.Metrics
import org.jetbrains.kotlinx.dl.dataset.OnHeapDataset
import org.jetbrains.kotlinx.dl.dataset.handler.extractImages
import org.jetbrains.kotlinx.dl.dataset.handler.extractLabels

fun main() {
    // Fashion-MNIST as installed by `apt-get install dataset-fashion-mnist`.
    val dir = "/usr/share/datasets/fashion-mnist"
    val train = OnHeapDataset.create(
        extractImages("$dir/train-images-idx3-ubyte.gz"), extractLabels("$dir/train-labels-idx1-ubyte.gz", 10))
    val test = OnHeapDataset.create(
        extractImages("$dir/t10k-images-idx3-ubyte.gz"), extractLabels("$dir/t10k-labels-idx1-ubyte.gz", 10))

    Sequential.of(
        Input(28, 28, 1),
        Flatten(),
        Dense(outputSize = 128, activation = Activations.Relu),
        Dense(outputSize = 10, activation = Activations.Linear),
    ).use { model ->
        model.compile(
            optimizer = arturo { epsilon = 0.0028 },
            loss = Losses.SOFT_MAX_CROSS_ENTROPY_WITH_LOGITS,
            metric = Metrics.ACCURACY,
        )
        val history = model.fit(dataset = train, epochs = 2, batchSize = 64)
        history.epochHistory.forEach { println("epoch ${it.epochIndex}: loss ${it.lossValue}") }
        val accuracy = model.evaluate(dataset = test, batchSize = 1000).metrics[Metrics.ACCURACY]
        println("test accuracy: $accuracy")
    }
}
// README:end
