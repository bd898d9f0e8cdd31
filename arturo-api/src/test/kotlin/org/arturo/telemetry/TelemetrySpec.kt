package org.arturo.telemetry

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withContext
import org.arturo.FashionMnist
import org.arturo.TestModels
import org.arturo.TestModels.compileWith
import org.arturo.TestModels.parameters
import org.arturo.arturo
import org.arturo.maxAbsDifference
import org.arturo.tf.Diagnostic
import org.arturo.tf.arturo.ArturoDiagnostics
import org.arturo.tf.kernel.Kernel
import org.arturo.tf.kernel.NativeKernel

class TelemetrySpec : FunSpec({
    val data = FashionMnist.train(640)   // 10 steps per epoch at batch size 64

    // The MLP: TF's CPU matmul gives bit-identical runs, so any write by the telemetry would show.
    test("reading telemetry every step does not change the trained parameters") {
        fun train(withTelemetry: Boolean): Map<String, FloatArray> = TestModels.mlp().use { model ->
            val optimizer = arturo { epsilon = 0.05 }
            model.compileWith(optimizer)
            val callbacks = if (withTelemetry) listOf(Telemetry(optimizer)) else emptyList()
            model.fit(data, epochs = 2, batchSize = 64, callbacks = callbacks)
            model.parameters()
        }
        maxAbsDifference(train(withTelemetry = false), train(withTelemetry = true)) shouldBe 0.0
    }

    test("telemetry says which kernel ran the steps") {
        val kernels = if (NativeKernel.shipped()) listOf(Kernel.GRAPH, Kernel.NATIVE) else listOf(Kernel.GRAPH)
        for (k in kernels) {
            TestModels.mlp().use { model ->
                val optimizer = arturo { epsilon = 0.05; kernel = k }
                model.compileWith(optimizer)
                val steps = mutableListOf<StepStats>()
                model.fit(data, epochs = 1, batchSize = 64, callbacks = listOf(Telemetry(optimizer).addStepListener { steps += it }))
                steps.size shouldBe 10
                steps.forEach { it.nativeKernel shouldBe (k == Kernel.NATIVE) }
                steps.last().klRatio shouldBe (1.0 plusOrMinus 0.01)
            }
        }
    }

    test("the flows deliver every step and every epoch, then complete when fit ends") {
        TestModels.mlp().use { model ->
            val optimizer = arturo { epsilon = 0.05 }
            model.compileWith(optimizer)
            val telemetry = Telemetry(optimizer)
            val (steps, epochs) = runBlocking {
                val steps = async(Dispatchers.Default, start = CoroutineStart.UNDISPATCHED) { telemetry.steps.toList() }
                val epochs = async(Dispatchers.Default, start = CoroutineStart.UNDISPATCHED) { telemetry.epochs.toList() }
                withContext(Dispatchers.IO) { model.fit(data, epochs = 3, batchSize = 64, callbacks = listOf(telemetry)) }
                steps.await() to epochs.await()
            }
            steps.map { it.step } shouldContainExactly (1L..30L).toList()
            steps.map { it.epoch to it.batch } shouldContainExactly (1..3).flatMap { e -> (0..9).map { e to it } }
            steps.forEach { s ->
                s.klRatio shouldBe (1.0 plusOrMinus 0.01)   // ε = 0.05 keeps the trust region active here
                (s.eta > 0) shouldBe true
                (s.solverIterations >= 1) shouldBe true
                s.epsilon shouldBe (0.05 plusOrMinus 1e-8)
                s.skippedSteps shouldBe 0
                s.loss.isFinite() shouldBe true
            }
            epochs.map { it.epoch } shouldContainExactly listOf(1, 2, 3)
            epochs shouldContainExactly telemetry.epochHistory
        }
    }

    test("epoch summaries aggregate the step readings") {
        TestModels.mlp().use { model ->
            val optimizer = arturo { epsilon = 0.05 }
            model.compileWith(optimizer)
            val steps = mutableListOf<StepStats>()
            val epochs = mutableListOf<EpochStats>()
            val telemetry = Telemetry(optimizer).addStepListener { steps += it }.addEpochListener { epochs += it }
            val history = model.fit(data, epochs = 2, batchSize = 64, callbacks = listOf(telemetry))
            epochs.size shouldBe 2
            steps.forEach { s ->
                s.values.keys.toList() shouldContainExactly
                    listOf("step", "skippedSteps", "outlierSteps", "eta", "klRatio", "solverIterations", "epsilon", "nativeKernel")
                s[Diagnostic.STEP] shouldBe s.step.toDouble()
                s[ArturoDiagnostics.ETA] shouldBe s.eta
                s.learningRate.isNaN() shouldBe true   // arTuRO has no learning rate
            }
            epochs.forEachIndexed { i, e ->
                val inEpoch = steps.filter { it.epoch == e.epoch }
                e.readings shouldBe 10
                e.meanEta shouldBe (inEpoch.map { it.eta }.average() plusOrMinus 1e-9)
                e.meanKlRatio shouldBe (inEpoch.map { it.klRatio }.average() plusOrMinus 1e-9)
                e.maxSolverIterations shouldBe inEpoch.maxOf { it.solverIterations }
                e.meanSolverIterations shouldBe (inEpoch.map { it.solverIterations }.average() plusOrMinus 1e-9)
                e.epsilon shouldBe inEpoch.last().epsilon
                e.step shouldBe inEpoch.last().step
                e.last shouldBe inEpoch.last().values
                e.loss shouldBe (history.epochHistory[i].lossValue plusOrMinus 1e-12)
                e.skippedStepsInEpoch shouldBe 0
                e.nativeKernel shouldBe inEpoch.last().nativeKernel
            }
        }
    }

    test("everySteps thins the step readings; 0 reads once per epoch") {
        TestModels.mlp().use { model ->
            val optimizer = arturo { epsilon = 0.05 }
            model.compileWith(optimizer)
            val every4 = Telemetry(optimizer, everySteps = 4)
            val epochOnly = Telemetry(optimizer, everySteps = 0)
            val seen4 = mutableListOf<StepStats>()
            val seen0 = mutableListOf<StepStats>()
            every4.addStepListener { seen4 += it }
            epochOnly.addStepListener { seen0 += it }
            model.fit(data, epochs = 2, batchSize = 64, callbacks = listOf(every4, epochOnly))
            seen4.map { it.batch } shouldContainExactly listOf(3, 7, 3, 7)
            seen0 shouldBe emptyList()
            epochOnly.epochHistory.map { it.step to it.readings } shouldContainExactly listOf(10L to 1, 20L to 1)
            every4.epochHistory.map { it.step to it.readings } shouldContainExactly listOf(10L to 2, 20L to 2)
        }
    }

    test("telemetry of another model's optimizer fails clearly when fit starts") {
        val other = arturo()
        TestModels.mlp().use { it.compileWith(other) }
        TestModels.mlp().use { model ->
            model.compileWith(arturo())
            shouldThrow<IllegalStateException> {
                model.fit(data, epochs = 1, batchSize = 64, callbacks = listOf(Telemetry(other)))
            }.message shouldContain "not the optimizer of the model being trained"
        }
    }

    test("bad settings are rejected, naming them") {
        shouldThrow<IllegalArgumentException> { Telemetry(arturo(), everySteps = -1) }.message shouldContain "everySteps"
    }
})
