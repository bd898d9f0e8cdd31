package org.arturo

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.shouldBe
import org.arturo.TestModels.compileWith
import org.arturo.TestModels.parameters
import org.arturo.kotlindl.KotlinDlOptimizer
import org.arturo.telemetry.Telemetry
import org.jetbrains.kotlinx.dl.api.core.metric.Metrics
import org.jetbrains.kotlinx.dl.dataset.OnHeapDataset

/**
 * One poisoned minibatch in the first epoch (a single pixel of 1e10 or 1e30) and four clean epochs
 * after it: the test accuracy ends within 0.05 of a run that never saw the poison, for arTuRO (with a
 * fixed or an estimated measurement noise) and for Adam. Before the outlier guard, 1e10 left arTuRO at 0.12 (clean 0.70) and 1e30 gave Adam NaN
 * parameters (docs/reliability.md).
 */
class OutlierBatchSpec : FunSpec({
    val clean = FashionMnist.train(1280)          // 20 minibatches of 64
    val test = FashionMnist.test(1000)
    val poisonedBatch = 7

    fun poisoned(pixel: Float): OnHeapDataset {
        val x = Array(clean.xSize()) { i -> clean.x[i].copyOf().also { if (i == poisonedBatch * 64 + 5) it[400] = pixel } }
        return OnHeapDataset.create(x, clean.y.copyOf())
    }

    /** Test accuracy after one epoch on [firstEpoch] and four on the clean data, and the telemetry's last reading. */
    fun train(optimizer: KotlinDlOptimizer, firstEpoch: OnHeapDataset): Pair<Double, Map<String, Double>> =
        TestModels.mlp().use { model ->
            model.compileWith(optimizer)
            val telemetry = Telemetry(optimizer)
            model.fit(firstEpoch, epochs = 1, batchSize = 64, callbacks = listOf(telemetry))
            model.fit(clean, epochs = 4, batchSize = 64, callbacks = listOf(telemetry))
            model.parameters().values.forEach { w -> w.all { it.isFinite() } shouldBe true }
            val accuracy = model.evaluate(test, batchSize = 1000).metrics.getValue(Metrics.ACCURACY)
            accuracy to telemetry.epochHistory.last().last
        }

    data class Case(val optimizer: String, val pixel: Float, val make: () -> KotlinDlOptimizer) {
        override fun toString(): String = "$optimizer, one pixel of $pixel"
    }

    val cases = listOf(1e10f, 1e30f).flatMap { pixel ->
        listOf(Case("arTuRO", pixel) { arturo { } }, Case("Adam", pixel) { adam { } },
            Case("arTuRO, estimated noise", pixel) { arturo { measurementNoise = org.arturo.tf.arturo.Surrogate.MeasurementNoise.ESTIMATED } })
    }
    val cleanAccuracy = mutableMapOf<String, Double>()

    for (case in cases) {
        test(case.toString()) {
            val reference = cleanAccuracy.getOrPut(case.optimizer) { train(case.make(), clean).first }
            val (accuracy, last) = train(case.make(), poisoned(case.pixel))
            accuracy shouldBe (reference plusOrMinus 0.05)
            // The poisoned step was skipped (as an outlier, or as non-finite when the forward pass overflowed).
            ((last["outlierSteps"] ?: 0.0) + (last["skippedSteps"] ?: 0.0)) shouldBe 1.0
        }
    }
})
