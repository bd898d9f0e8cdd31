package org.arturo.kotlindl

import io.kotest.core.spec.style.FunSpec
import io.kotest.engine.spec.tempdir
import io.kotest.matchers.doubles.shouldBeGreaterThan
import io.kotest.matchers.doubles.shouldBeLessThan
import io.kotest.matchers.shouldBe
import org.arturo.FashionMnist
import org.arturo.TestModels
import org.arturo.TestModels.compileWith
import org.arturo.TestModels.parameters
import org.arturo.arturo
import org.arturo.maxAbsDifference
import org.arturo.telemetry.Telemetry
import org.jetbrains.kotlinx.dl.api.core.SavingFormat
import org.jetbrains.kotlinx.dl.api.core.Sequential
import org.jetbrains.kotlinx.dl.api.core.WritingMode

/**
 * Save at step k with the optimizer state, load into a fresh model, continue for n steps: the
 * parameters equal those of one uninterrupted run of k + n steps. Data order is fixed (no shuffling),
 * the model has no dropout, and KotlinDL's initializers have fixed seeds.
 */
class CheckpointSpec : FunSpec({
    val data = FashionMnist.train(640)   // 10 steps per epoch at batch size 64

    /** A fresh model compiled with a fresh optimizer: ε halves after the first epoch. */
    class Run : AutoCloseable {
        val optimizer = arturo { epsilon = 0.05; stepsPerEpoch = 10; schedule = multiStep(0.5, 1.epochs) }
        val model: Sequential = TestModels.mlp().compileWith(optimizer)

        /** Trains [epochs] epochs; returns the optimizer's applied-step counter afterwards. */
        fun fit(epochs: Int, data: org.jetbrains.kotlinx.dl.dataset.Dataset): Long {
            val telemetry = Telemetry(optimizer, everySteps = 0)
            model.fit(data, epochs = epochs, batchSize = 64, callbacks = listOf(telemetry))
            return telemetry.epochHistory.last().step
        }

        override fun close() = model.close()
    }

    test("resume from a checkpoint with optimizer state matches the uninterrupted run to 1e-6") {
        val dir = tempdir()
        val uninterrupted = Run().use { run ->
            run.fit(epochs = 2, data) shouldBe 20
            run.model.parameters()
        }
        Run().use { run ->
            run.fit(epochs = 1, data) shouldBe 10
            run.model.save(dir, SavingFormat.JSON_CONFIG_CUSTOM_VARIABLES, saveOptimizerState = true,
                writingMode = WritingMode.OVERRIDE)
        }
        val resumed = Run().use { run ->
            run.model.loadWeights(dir, loadOptimizerState = true)
            // The step counter came back with the state, so the epoch-1 milestone still applies.
            run.fit(epochs = 1, data) shouldBe 20
            run.model.parameters()
        }
        maxAbsDifference(uninterrupted, resumed) shouldBeLessThan 1e-6

        // Without the optimizer state arTuRO starts over (step 0, fresh precision) and ends elsewhere.
        val withoutState = Run().use { run ->
            run.model.loadWeights(dir, loadOptimizerState = false)
            run.fit(epochs = 1, data) shouldBe 10
            run.model.parameters()
        }
        maxAbsDifference(uninterrupted, withoutState) shouldBeGreaterThan 1e-4
    }
})
