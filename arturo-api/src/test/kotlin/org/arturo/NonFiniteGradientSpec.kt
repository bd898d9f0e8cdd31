package org.arturo

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.shouldBeLessThan
import io.kotest.matchers.shouldBe
import org.arturo.TestModels.compileWith
import org.arturo.TestModels.parameters
import org.arturo.telemetry.StepStats
import org.arturo.telemetry.Telemetry
import org.jetbrains.kotlinx.dl.dataset.OnHeapDataset

/** A minibatch whose gradient is NaN is skipped: the model stays finite and training goes on. */
class NonFiniteGradientSpec : FunSpec({
    val clean = FashionMnist.train(640)          // 10 minibatches of 64
    val poisonedBatch = 3

    /** The same images with one NaN pixel in every image of minibatch [poisonedBatch]. */
    fun poisoned(): OnHeapDataset {
        val x = Array(clean.xSize()) { i ->
            clean.x[i].copyOf().also { if (i / 64 == poisonedBatch) it[400] = Float.NaN }
        }
        return OnHeapDataset.create(x, clean.y.copyOf())
    }

    /** The clean images without minibatch [poisonedBatch]. */
    fun withoutPoisonedBatch(): OnHeapDataset {
        val keep = clean.x.indices.filter { it / 64 != poisonedBatch }
        return OnHeapDataset.create(keep.map { clean.x[it] }.toTypedArray(), keep.map { clean.y[it] }.toFloatArray())
    }

    test("a NaN minibatch is skipped, counted, and leaves the model as if it had not been there") {
        val optimizer = arturo { epsilon = 0.05 }
        val steps = mutableListOf<StepStats>()
        val (poisonedRun, epochs) = TestModels.mlp().use { model ->
            model.compileWith(optimizer)
            val telemetry = Telemetry(optimizer).addStepListener { steps += it }
            val history = model.fit(poisoned(), epochs = 2, batchSize = 64, callbacks = listOf(telemetry))
            history.epochHistory.size shouldBe 2
            model.parameters() to telemetry.epochHistory
        }
        poisonedRun.values.forEach { w -> w.all { it.isFinite() } shouldBe true }

        // Telemetry: the poisoned step's loss is NaN, it is counted as skipped, nothing else moves.
        steps.size shouldBe 20
        steps.count { it.loss.isNaN() } shouldBe 2
        steps.filter { it.loss.isNaN() }.forEach { s -> s.batch shouldBe poisonedBatch }
        steps.last().skippedSteps shouldBe 2
        steps.last().step shouldBe 18
        epochs.map { it.skippedStepsInEpoch } shouldBe listOf(1L, 1L)
        val before = steps[poisonedBatch - 1]
        val skipped = steps[poisonedBatch]
        skipped.values - "skippedSteps" shouldBe before.values - "skippedSteps"
        skipped.skippedSteps shouldBe before.skippedSteps + 1

        // Training continued: the loss after the poisoned batch keeps falling.
        val finiteLosses = steps.map { it.loss }.filter { it.isFinite() }
        finiteLosses.takeLast(5).average() shouldBeLessThan finiteLosses.take(5).average()

        // A skipped step changes nothing, not even the schedule's step counter: identical to never seeing that batch.
        val cleanRun = TestModels.mlp().use { model ->
            model.compileWith(arturo { epsilon = 0.05 })
            model.fit(withoutPoisonedBatch(), epochs = 2, batchSize = 64)
            model.parameters()
        }
        maxAbsDifference(poisonedRun, cleanRun) shouldBe 0.0
    }
})
