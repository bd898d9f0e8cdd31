package org.arturo.kotlindl

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeSameInstanceAs
import org.arturo.FashionMnist
import org.arturo.TestModels
import org.arturo.TestModels.compileWith
import org.arturo.arturo
import org.arturo.tf.Diagnostic
import org.jetbrains.kotlinx.dl.api.core.GraphTrainableModel
import org.jetbrains.kotlinx.dl.api.core.callback.Callback
import org.jetbrains.kotlinx.dl.api.core.history.BatchTrainingEvent
import org.jetbrains.kotlinx.dl.api.core.history.TrainingHistory
import org.jetbrains.kotlinx.dl.api.core.optimizer.Adam
import org.jetbrains.kotlinx.dl.api.core.optimizer.ClipGradientByNorm
import org.jetbrains.kotlinx.dl.api.core.optimizer.ClipGradientByValue

/**
 * Pins the KotlinDL internals the library calls (KotlinDlInternals): a KotlinDL upgrade that renames
 * or changes one fails here, not in telemetry.
 */
class KotlinDlInternalsSpec : FunSpec({
    /** Records, at the start of fit and after each minibatch, the model it is bound to and the step counter read through its session. */
    class Probe(private val optimizer: KotlinDlOptimizer) : Callback() {
        val models = mutableListOf<GraphTrainableModel>()
        val steps = mutableListOf<Float>()

        private fun record() {
            val model = KotlinDlInternals.modelOf(this)
            models += model
            val step = optimizer.diagnostics().operands().getValue(Diagnostic.STEP)
            KotlinDlInternals.sessionOf(model).runner().fetch(step).run().single().use { steps += it.floatValue() }
        }

        override fun onTrainBegin() = record()

        override fun onTrainBatchEnd(batch: Int, batchSize: Int, event: BatchTrainingEvent, logs: TrainingHistory) = record()
    }

    test("inside a callback during fit: modelOf is the model being trained, sessionOf runs a fetch of a diagnostic") {
        val data = FashionMnist.train(128)   // 2 minibatches of 64
        TestModels.mlp().use { model ->
            val optimizer = arturo { epsilon = 0.05 }
            model.compileWith(optimizer)
            val probe = Probe(optimizer)
            model.fit(data, epochs = 1, batchSize = 64, callbacks = listOf(probe))
            probe.models.size shouldBe 3
            probe.models.forEach { it shouldBeSameInstanceAs model }
            // Before the first minibatch, then after each: the applied-step counter as the session holds it.
            probe.steps shouldBe listOf(0f, 1f, 2f)
        }
    }

    test("optimizerOf is the optimizer the model was compiled with, null before compile") {
        TestModels.mlp().use { model ->
            KotlinDlInternals.optimizerOf(model).shouldBeNull()
            val optimizer = arturo()
            model.compileWith(optimizer)
            KotlinDlInternals.optimizerOf(model) shouldBeSameInstanceAs optimizer
        }
        TestModels.mlp().use { model ->
            val adam = Adam()
            model.compileWith(adam)
            KotlinDlInternals.optimizerOf(model) shouldBeSameInstanceAs adam
        }
    }

    test("clipValueOf and clipNormOf read the bounds KotlinDL keeps without getters") {
        KotlinDlInternals.clipValueOf(ClipGradientByValue(0.25f)) shouldBe 0.25f
        KotlinDlInternals.clipValueOf(ClipGradientByValue(Float.NaN)).isNaN() shouldBe true
        KotlinDlInternals.clipNormOf(ClipGradientByNorm(2f)) shouldBe 2f
    }

    test("trainingGraphOf reads fit's placeholders and loss from a compiled model, and refuses one that is not") {
        TestModels.cnn().use { model ->
            shouldThrow<IllegalStateException> { KotlinDlInternals.trainingGraphOf(model) }
            model.compileWith(arturo())
            val g = KotlinDlInternals.trainingGraphOf(model)
            g.features().asOutput().shape().toString() shouldBe "[?, 28, 28, 1]"
            g.labels().asOutput().dataType() shouldBe org.tensorflow.DataType.FLOAT   // KotlinDL leaves its shape unknown
            g.loss().asOutput().shape().numDimensions() shouldBe 0
            g.numberOfLosses().asOutput().dataType() shouldBe org.tensorflow.DataType.FLOAT
            g.training().asOutput().dataType() shouldBe org.tensorflow.DataType.BOOL
        }
    }
})
