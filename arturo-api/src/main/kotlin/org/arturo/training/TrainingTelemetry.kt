package org.arturo.training

import java.util.concurrent.CopyOnWriteArrayList
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.MutableSharedFlow
import kotlinx.coroutines.flow.transformWhile
import kotlinx.coroutines.runBlocking
import org.arturo.training.loop.StepReport
import org.arturo.training.loop.TrainingListener
import org.arturo.training.loop.TrainingLoop

/**
 * What a training method reports at every step (loss, examples, backpropagations and the method's own
 * scalars: CABS's batch size and tr(Σ); the trust region's radius, ρ, products, accepted, skipped), as
 * a [Flow] and as a [history]. Pass it to [ModelTraining.run] or to a [TrainingLoop]:
 * ```
 * val telemetry = TrainingTelemetry()
 * model.train(train, cabs { learningRate = 0.1 }, Budget.examples(60_000), listeners = listOf(telemetry))
 * telemetry.history.map { it.values()[CabsTraining.BATCH_SIZE] }
 * ```
 * [steps] is hot: subscribe before the run starts (from another coroutine); it completes when the run
 * ends, and fails with the run's exception if a step throws. Up to [bufferCapacity] reports wait for a
 * slow collector; beyond that the training thread waits, so no report is lost.
 */
public class TrainingTelemetry @JvmOverloads constructor(bufferCapacity: Int = 1024) : TrainingListener {
    private sealed interface Event {
        class Step(val report: StepReport) : Event
        class End(val failure: Throwable?) : Event
    }

    private val events = MutableSharedFlow<Event>(extraBufferCapacity = bufferCapacity)
    private val recorded = CopyOnWriteArrayList<StepReport>()

    /** Every step of every run this telemetry was given to, in order. */
    public val history: List<StepReport> get() = recorded

    /** The steps of the runs that follow a subscription, completing at a run's end. */
    public val steps: Flow<StepReport> = events.transformWhile { event ->
        when (event) {
            is Event.Step -> {
                emit(event.report)
                true
            }
            is Event.End -> event.failure?.let { throw it } ?: false
        }
    }

    override fun onStep(report: StepReport) {
        recorded += report
        runBlocking { events.emit(Event.Step(report)) }
    }

    override fun onEnd(summary: TrainingLoop.Summary, failure: Throwable?) {
        runBlocking { events.emit(Event.End(failure)) }
    }
}
