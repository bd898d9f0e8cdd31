package org.arturo

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.engine.spec.tempdir
import io.kotest.matchers.doubles.shouldBeGreaterThan
import io.kotest.matchers.doubles.shouldBeLessThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf
import org.arturo.TestModels.compileWith
import org.arturo.TestModels.parameters
import org.arturo.telemetry.Telemetry
import org.arturo.tf.InvalidHyperparameterException
import org.arturo.tf.arturo.Surrogate
import org.arturo.tf.arturo.Surrogate.MeasurementNoise
import org.jetbrains.kotlinx.dl.api.core.SavingFormat
import org.jetbrains.kotlinx.dl.api.core.Sequential
import org.jetbrains.kotlinx.dl.api.core.WritingMode

/** `arturo { measurementNoise = ESTIMATED }`: one setting, checked like the others, trained and resumed in KotlinDL. */
class NoiseAwareArturoSpec : FunSpec({
    test("measurementNoise reaches the Kalman surrogate and keeps q, r and p0") {
        val c = arturo { measurementNoise = MeasurementNoise.ESTIMATED }.arturoConfig
        val kalman = c.surrogate().shouldBeInstanceOf<Surrogate.Kalman>()
        kalman.measurementNoise() shouldBe MeasurementNoise.ESTIMATED
        kalman shouldBe Surrogate.NOISE_AWARE_KALMAN
        arturo { }.arturoConfig.surrogate().shouldBeInstanceOf<Surrogate.Kalman>().measurementNoise() shouldBe MeasurementNoise.FIXED
    }

    test("measurementNoise belongs to the Kalman surrogate: with Adam's moments setting it fails, naming both") {
        val e = shouldThrow<InvalidHyperparameterException> {
            arturo {
                surrogate = Surrogate.ADAM_MOMENTS
                measurementNoise = MeasurementNoise.ESTIMATED
            }
        }
        e.message shouldContain "measurementNoise"
        e.message shouldContain "KALMAN"
        e.message shouldContain "ADAM_MOMENTS"
    }

    val data = FashionMnist.train(640)   // 10 steps per epoch at batch size 64

    class Run : AutoCloseable {
        val optimizer = arturo { measurementNoise = MeasurementNoise.ESTIMATED; epsilon = 0.01 }
        val model: Sequential = TestModels.mlp().compileWith(optimizer)
        val telemetry = Telemetry(optimizer, everySteps = 0)

        /** The mean minibatch loss of each epoch. */
        fun fit(epochs: Int): List<Double> =
            model.fit(data, epochs = epochs, batchSize = 64, callbacks = listOf(telemetry)).epochHistory.map { it.lossValue }

        override fun close() = model.close()
    }

    test("it trains a KotlinDL model and resumes from a checkpoint as if never interrupted") {
        val dir = tempdir()
        val uninterrupted = Run().use { run ->
            val losses = run.fit(epochs = 2)
            losses[1] shouldBeLessThan losses[0]
            run.telemetry.epochHistory.last().step shouldBe 20
            run.model.parameters()
        }
        Run().use { run ->
            run.fit(epochs = 1)
            run.model.save(dir, SavingFormat.JSON_CONFIG_CUSTOM_VARIABLES, saveOptimizerState = true,
                writingMode = WritingMode.OVERRIDE)
        }
        val resumed = Run().use { run ->
            run.model.loadWeights(dir, loadOptimizerState = true)
            run.fit(epochs = 1)
            run.model.parameters()
        }
        maxAbsDifference(uninterrupted, resumed) shouldBeLessThan 1e-6
        // The noise statistics are part of that state: without it the second epoch ends elsewhere.
        val withoutState = Run().use { run ->
            run.model.loadWeights(dir, loadOptimizerState = false)
            run.fit(epochs = 1)
            run.model.parameters()
        }
        maxAbsDifference(uninterrupted, withoutState) shouldBeGreaterThan 1e-4
    }
})
