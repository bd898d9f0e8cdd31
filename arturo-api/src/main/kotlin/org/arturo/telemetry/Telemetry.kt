package org.arturo.telemetry

import java.util.concurrent.CopyOnWriteArrayList
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.MutableSharedFlow
import kotlinx.coroutines.flow.filterIsInstance
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.flow.takeWhile
import kotlinx.coroutines.runBlocking
import org.arturo.kotlindl.KotlinDlInternals
import org.arturo.kotlindl.KotlinDlOptimizer
import org.arturo.tf.Check
import org.arturo.tf.Diagnostic
import org.arturo.tf.Diagnostics
import org.jetbrains.kotlinx.dl.api.core.callback.Callback
import org.jetbrains.kotlinx.dl.api.core.history.BatchTrainingEvent
import org.jetbrains.kotlinx.dl.api.core.history.EpochTrainingEvent
import org.jetbrains.kotlinx.dl.api.core.history.TrainingHistory
import org.tensorflow.Session

/**
 * Reads any optimizer's diagnostics (step, skipped steps, and the family's own: η, C/ε, solver passes
 * and ε_t for arTuRO, the learning rate for the baselines) during `fit` and publishes them as a
 * [Flow], to listeners, and as an epoch history. Pass it to `fit`:
 * ```
 * val optimizer = arturo { epsilon = 0.0028 }
 * model.compile(optimizer, Losses.SOFT_MAX_CROSS_ENTROPY_WITH_LOGITS, Metrics.ACCURACY)
 * val telemetry = Telemetry(optimizer)
 * model.fit(train, epochs = 3, batchSize = 64, callbacks = listOf(telemetry))
 * telemetry.epochHistory.forEach(::println)
 * ```
 * Each reading is one extra small `Session.run` that fetches the diagnostics after the training step
 * ([Diagnostics.read]); it writes nothing, so training results are the same with or without telemetry.
 *
 * Flows: [steps] and [epochs] are hot. Subscribe before `fit` starts, e.g.
 * `launch(Dispatchers.Default, start = CoroutineStart.UNDISPATCHED) { telemetry.steps.collect { ... } }`;
 * they complete when that `fit` ends. Up to `bufferCapacity` events wait for a slow collector; beyond
 * that the training thread waits for it, so no event is lost. Do not collect on the thread that runs
 * `fit` (run `fit` in `withContext(Dispatchers.IO)`).
 *
 * @param optimizer the optimizer compiled into the model this telemetry is passed to.
 * @param everySteps read after every n-th minibatch of an epoch; 0 reads only at the end of each epoch.
 * @param bufferCapacity events buffered per flow collector before training waits for it.
 */
public class Telemetry @JvmOverloads constructor(
    private val optimizer: KotlinDlOptimizer,
    private val everySteps: Int = 1,
    bufferCapacity: Int = 1024,
) : Callback() {
    private sealed interface Event {
        class Step(val stats: StepStats) : Event
        class Epoch(val stats: EpochStats) : Event
        object End : Event
    }

    private val events = MutableSharedFlow<Event>(extraBufferCapacity = bufferCapacity)
    private val stepListeners = CopyOnWriteArrayList<StepListener>()
    private val epochListeners = CopyOnWriteArrayList<EpochListener>()
    private val history = CopyOnWriteArrayList<EpochStats>()

    private var session: Session? = null
    private var diagnostics: Diagnostics? = null
    private var epoch = 0
    private var lastReading: Map<String, Double> = emptyMap()
    private var accumulator = EpochAccumulator(0)
    /** True when no training step ran since [lastReading] was taken. */
    private var readingIsCurrent = false

    init {
        Check.inRange("everySteps", everySteps.toLong(), 0, Int.MAX_VALUE.toLong())
        Check.inRange("bufferCapacity", bufferCapacity.toLong(), 0, Int.MAX_VALUE.toLong())
    }

    /** Step readings of the next `fit`; completes when it ends. */
    public val steps: Flow<StepStats> =
        events.takeWhile { it !== Event.End }.filterIsInstance<Event.Step>().map { it.stats }

    /** Epoch summaries of the next `fit`; completes when it ends. */
    public val epochs: Flow<EpochStats> =
        events.takeWhile { it !== Event.End }.filterIsInstance<Event.Epoch>().map { it.stats }

    /** Every epoch summary so far, over all `fit` calls. */
    public val epochHistory: List<EpochStats> get() = history.toList()

    /** The most recent step reading, or null before the first. */
    @Volatile
    public var lastStep: StepStats? = null
        private set

    /** Calls [listener] with each step reading, on the training thread. */
    public fun addStepListener(listener: StepListener): Telemetry = apply { stepListeners += listener }

    /** Calls [listener] with each epoch summary, on the training thread. */
    public fun addEpochListener(listener: EpochListener): Telemetry = apply { epochListeners += listener }

    public fun removeStepListener(listener: StepListener): Telemetry = apply { stepListeners -= listener }

    public fun removeEpochListener(listener: EpochListener): Telemetry = apply { epochListeners -= listener }

    override fun onTrainBegin() {
        val model = KotlinDlInternals.modelOf(this)
        check(optimizer.isCompiledInto(model)) {
            "this telemetry watches $optimizer, which is not the optimizer of the model being trained: " +
                "create it as Telemetry(<the optimizer passed to that model's compile>)"
        }
        session = KotlinDlInternals.sessionOf(model)
        diagnostics = optimizer.diagnostics()
        lastReading = read()
    }

    override fun onEpochBegin(epoch: Int, logs: TrainingHistory) {
        this.epoch = epoch
        accumulator = EpochAccumulator(lastReading.countOf(Diagnostic.SKIPPED_STEPS))
    }

    override fun onTrainBatchBegin(batch: Int, batchSize: Int, logs: TrainingHistory) {
        readingIsCurrent = false
    }

    override fun onTrainBatchEnd(batch: Int, batchSize: Int, event: BatchTrainingEvent, logs: TrainingHistory) {
        if (everySteps == 0 || (batch + 1) % everySteps != 0) return
        val values = read()
        accumulator.add(values)
        val stats = StepStats(epoch, batch, event.lossValue, values)
        lastStep = stats
        stepListeners.forEach { it.onStep(stats) }
        publish(Event.Step(stats))
    }

    override fun onEpochEnd(epoch: Int, event: EpochTrainingEvent, logs: TrainingHistory) {
        val last = if (readingIsCurrent) lastReading else read()
        if (accumulator.isEmpty()) accumulator.add(last)
        val stats = accumulator.finish(epoch, event.lossValue, last)
        history += stats
        epochListeners.forEach { it.onEpoch(stats) }
        publish(Event.Epoch(stats))
    }

    override fun onTrainEnd(logs: TrainingHistory) {
        publish(Event.End)
        session = null
    }

    private fun read(): Map<String, Double> {
        val current = checkNotNull(session) { "telemetry is read only during fit" }
        val values = checkNotNull(diagnostics).read(current).asMap()
        lastReading = values
        readingIsCurrent = true
        return values
    }

    private fun publish(event: Event) {
        // Without collectors (or with room in their buffers) this never blocks.
        if (!events.tryEmit(event)) runBlocking { events.emit(event) }
    }
}
