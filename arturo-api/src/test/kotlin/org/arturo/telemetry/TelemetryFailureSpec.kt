package org.arturo.telemetry

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeout
import org.arturo.FashionMnist
import org.arturo.TestModels
import org.arturo.TestModels.compileWith
import org.arturo.arturo
import org.jetbrains.kotlinx.dl.api.core.callback.Callback
import org.jetbrains.kotlinx.dl.api.core.history.BatchTrainingEvent
import org.jetbrains.kotlinx.dl.api.core.history.TrainingHistory

/**
 * KotlinDL calls no callback when fit throws, so the telemetry flows learn of a failure only through
 * Telemetry.observe, or when the next fit begins. Either way no collector waits forever.
 */
class TelemetryFailureSpec : FunSpec({
    val data = FashionMnist.train(640)   // 10 steps per epoch at batch size 64

    /** Throws at the end of the [step]-th minibatch of a fit, after the telemetry (listed first) has read it. */
    class FailAt(private val step: Int) : Callback() {
        private var seen = 0

        override fun onTrainBatchEnd(batch: Int, batchSize: Int, event: BatchTrainingEvent, logs: TrainingHistory) {
            if (++seen == step) throw IllegalStateException("disk full at minibatch $batch")
        }
    }

    test("a fit that throws inside observe ends the flows with its exception; a collector that catches and joins returns") {
        TestModels.mlp().use { model ->
            val optimizer = arturo { epsilon = 0.05 }
            model.compileWith(optimizer)
            val telemetry = Telemetry(optimizer)
            runBlocking {
                val steps = mutableListOf<Long>()
                var caught: Throwable? = null
                val collector = launch(Dispatchers.Default, start = CoroutineStart.UNDISPATCHED) {
                    try {
                        telemetry.steps.collect { steps += it.step }
                    } catch (e: IllegalStateException) {
                        caught = e
                    }
                }
                val epochs = async(Dispatchers.Default, start = CoroutineStart.UNDISPATCHED) { runCatching { telemetry.epochs.toList() } }
                val thrown = shouldThrow<IllegalStateException> {
                    withContext(Dispatchers.IO) {
                        telemetry.observe { model.fit(data, epochs = 2, batchSize = 64, callbacks = listOf(telemetry, FailAt(13))) }
                    }
                }
                thrown.message shouldBe "disk full at minibatch 2"
                withTimeout(10_000) { collector.join() }
                caught.shouldNotBeNull().message shouldBe "disk full at minibatch 2"
                steps shouldContainExactly (1L..13L).toList()
                val epochResult = withTimeout(10_000) { epochs.await() }
                epochResult.exceptionOrNull().shouldNotBeNull().message shouldBe "disk full at minibatch 2"
            }
            telemetry.epochHistory.map { it.epoch } shouldContainExactly listOf(1)
        }
    }

    test("a fit that threw outside observe ends its flows when the next fit begins; a collector that came later follows that fit") {
        TestModels.mlp().use { model ->
            val optimizer = arturo { epsilon = 0.05 }
            model.compileWith(optimizer)
            val telemetry = Telemetry(optimizer)
            runBlocking {
                val early = async(Dispatchers.Default, start = CoroutineStart.UNDISPATCHED) { runCatching { telemetry.steps.toList() } }
                shouldThrow<IllegalStateException> {
                    withContext(Dispatchers.IO) { model.fit(data, epochs = 1, batchSize = 64, callbacks = listOf(telemetry, FailAt(3))) }
                }
                early.isActive shouldBe true   // KotlinDL told nobody
                val late = async(Dispatchers.Default, start = CoroutineStart.UNDISPATCHED) { telemetry.steps.toList() }
                withContext(Dispatchers.IO) { model.fit(data, epochs = 1, batchSize = 64, callbacks = listOf(telemetry)) }
                withTimeout(10_000) { early.await() }.exceptionOrNull().shouldNotBeNull().message shouldContain
                    "ended without finishing"
                withTimeout(10_000) { late.await() }.map { it.step } shouldContainExactly (4L..13L).toList()
            }
        }
    }

    test("a failure inside observe before fit began ends the flows that waited for that fit") {
        TestModels.mlp().use { model ->
            val optimizer = arturo { epsilon = 0.05 }
            model.compileWith(optimizer)
            val telemetry = Telemetry(optimizer)
            runBlocking {
                val waiting = async(Dispatchers.Default, start = CoroutineStart.UNDISPATCHED) { runCatching { telemetry.epochs.toList() } }
                shouldThrow<IllegalArgumentException> { telemetry.observe { require(false) { "batch size must be positive" } } }
                withTimeout(10_000) { waiting.await() }.exceptionOrNull().shouldNotBeNull().message shouldBe "batch size must be positive"
                // The next fit is observed as usual.
                val next = async(Dispatchers.Default, start = CoroutineStart.UNDISPATCHED) { telemetry.epochs.toList() }
                val history = withContext(Dispatchers.IO) {
                    telemetry.observe { model.fit(data, epochs = 1, batchSize = 64, callbacks = listOf(telemetry)) }
                }
                history.epochHistory.size shouldBe 1
                withTimeout(10_000) { next.await() }.map { it.step } shouldContainExactly listOf(10L)
            }
        }
    }
})
