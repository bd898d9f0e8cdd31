package org.arturo

import io.kotest.core.spec.style.FunSpec
import io.kotest.engine.spec.tempdir
import io.kotest.matchers.doubles.shouldBeGreaterThan
import io.kotest.matchers.doubles.shouldBeLessThan
import io.kotest.matchers.shouldBe
import org.arturo.TestModels.compileWith
import org.arturo.TestModels.parameters
import org.arturo.telemetry.Telemetry
import org.arturo.tf.noise.NoiseAwareDiagnostics
import org.jetbrains.kotlinx.dl.api.core.SavingFormat
import org.jetbrains.kotlinx.dl.api.core.Sequential
import org.jetbrains.kotlinx.dl.api.core.WritingMode

/**
 * M-SVAG's state (slots m and s, the step counter, the mean factor) is KotlinDL optimizer state: save
 * after one epoch, load into a fresh model, train one more; the parameters equal one uninterrupted run.
 */
class NoiseAwareCheckpointSpec : FunSpec({
    val data = FashionMnist.train(640)   // 10 steps per epoch at batch size 64

    class Run : AutoCloseable {
        val optimizer = msvag { learningRate = 0.1; stepsPerEpoch = 10; schedule = multiStep(0.5, 1.epochs) }
        val model: Sequential = TestModels.mlp().compileWith(optimizer)
        val telemetry = Telemetry(optimizer, everySteps = 0)

        fun fit(epochs: Int): Long {
            model.fit(data, epochs = epochs, batchSize = 64, callbacks = listOf(telemetry))
            return telemetry.epochHistory.last().step
        }

        override fun close() = model.close()
    }

    test("msvag resumes from a checkpoint with optimizer state as if never interrupted") {
        val dir = tempdir()
        val uninterrupted = Run().use { run ->
            run.fit(epochs = 2) shouldBe 20
            run.model.parameters()
        }
        Run().use { run ->
            run.fit(epochs = 1) shouldBe 10
            run.model.save(dir, SavingFormat.JSON_CONFIG_CUSTOM_VARIABLES, saveOptimizerState = true,
                writingMode = WritingMode.OVERRIDE)
        }
        val resumed = Run().use { run ->
            run.model.loadWeights(dir, loadOptimizerState = true)
            run.fit(epochs = 1) shouldBe 20
            run.telemetry.epochHistory.last().last.getValue(NoiseAwareDiagnostics.MEAN_FACTOR.name()) shouldBeLessThan 1.0
            run.model.parameters()
        }
        maxAbsDifference(uninterrupted, resumed) shouldBeLessThan 1e-6

        // Without the state M-SVAG starts over (an SGD step, fresh averages) and ends elsewhere.
        val withoutState = Run().use { run ->
            run.model.loadWeights(dir, loadOptimizerState = false)
            run.fit(epochs = 1) shouldBe 10
            run.model.parameters()
        }
        maxAbsDifference(uninterrupted, withoutState) shouldBeGreaterThan 1e-4
    }
})
