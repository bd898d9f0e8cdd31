package org.arturo.kotlindl

import io.kotest.core.spec.style.FunSpec
import io.kotest.engine.spec.tempdir
import io.kotest.matchers.collections.shouldContainAll
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.doubles.shouldBeLessThan
import io.kotest.matchers.shouldBe
import org.arturo.FashionMnist
import org.arturo.TestModels
import org.arturo.TestModels.compileWith
import org.arturo.TestModels.parameters
import org.arturo.maxAbsDifference
import org.arturo.telemetry.Telemetry
import org.arturo.telemetry.eta
import org.arturo.tf.GraphOptimizer
import org.arturo.tf.baselines.AdamConfig
import org.arturo.tf.baselines.AdamOptimizer
import org.arturo.tf.baselines.SgdConfig
import org.arturo.tf.baselines.SgdOptimizer
import org.jetbrains.kotlinx.dl.api.core.SavingFormat
import org.jetbrains.kotlinx.dl.api.core.WritingMode
import org.jetbrains.kotlinx.dl.api.core.layer.ParametrizedLayer

/** The baselines are GraphOptimizers too: the same adapter trains, watches and checkpoints them. */
class BaselineAdapterSpec : FunSpec({
    val data = FashionMnist.train(640)   // 10 steps per epoch at batch size 64

    data class Case(val slots: List<String>, val stepName: String, val learningRate: Double, val make: () -> GraphOptimizer)
    val cases = mapOf(
        "SGD" to Case(listOf(SgdOptimizer.VELOCITY_SLOT), "sgd_step", 0.01) { SgdOptimizer(SgdConfig.defaults()) },
        "Adam" to Case(listOf(AdamOptimizer.FIRST_MOMENT_SLOT, AdamOptimizer.SECOND_MOMENT_SLOT), "adam_step", 1e-3) {
            AdamOptimizer(AdamConfig.defaults())
        },
        "AdamW" to Case(listOf(AdamOptimizer.FIRST_MOMENT_SLOT, AdamOptimizer.SECOND_MOMENT_SLOT), "adamw_step", 1e-3) {
            AdamOptimizer(AdamConfig.adamWDefaults())
        },
    )

    for ((name, case) in cases) {
        test("$name trains through KotlinDlOptimizer with its state as KotlinDL slots and telemetry") {
            TestModels.mlp().use { model ->
                val optimizer = KotlinDlOptimizer(case.make())
                model.compileWith(optimizer)
                optimizer.optimizerName shouldBe name
                val weights = model.layers.filterIsInstance<ParametrizedLayer>().flatMap { l -> l.variables.map { it.name } }
                model.kGraph.optimizerVariables().map { it.op().name() } shouldContainAll
                    weights.flatMap { w -> case.slots.map { "optimizer_$w-$it" } } + "optimizer_${case.stepName}"

                val telemetry = Telemetry(optimizer, everySteps = 5)
                val history = model.fit(data, epochs = 2, batchSize = 64, callbacks = listOf(telemetry))
                history.epochHistory.last().lossValue shouldBeLessThan history.epochHistory.first().lossValue
                telemetry.lastStep!!.step shouldBe 20
                telemetry.lastStep!!.learningRate shouldBe (case.learningRate plusOrMinus 1e-9)
                telemetry.lastStep!!.eta.isNaN() shouldBe true
            }
        }
    }

    test("AdamW resumes from a checkpoint with its moments and step counter, matching the uninterrupted run") {
        val dir = tempdir()
        fun run(block: (org.jetbrains.kotlinx.dl.api.core.Sequential) -> Unit) = TestModels.mlp().use { model ->
            model.compileWith(KotlinDlOptimizer(AdamOptimizer(AdamConfig.adamWDefaults())))
            block(model)
            model.parameters()
        }
        val uninterrupted = run { it.fit(data, epochs = 2, batchSize = 64) }
        run {
            it.fit(data, epochs = 1, batchSize = 64)
            it.save(dir, SavingFormat.JSON_CONFIG_CUSTOM_VARIABLES, saveOptimizerState = true, writingMode = WritingMode.OVERRIDE)
        }
        val resumed = run {
            it.loadWeights(dir, loadOptimizerState = true)
            it.fit(data, epochs = 1, batchSize = 64)
        }
        maxAbsDifference(uninterrupted, resumed) shouldBeLessThan 1e-6
    }
})
