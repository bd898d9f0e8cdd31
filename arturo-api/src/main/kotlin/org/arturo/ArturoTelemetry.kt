package org.arturo

import java.util.concurrent.CopyOnWriteArrayList
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.MutableSharedFlow
import kotlinx.coroutines.flow.filterIsInstance
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.flow.takeWhile
import kotlinx.coroutines.runBlocking
import org.arturo.tf.Check
import org.jetbrains.kotlinx.dl.api.core.callback.Callback
import org.jetbrains.kotlinx.dl.api.core.history.BatchTrainingEvent
import org.jetbrains.kotlinx.dl.api.core.history.EpochTrainingEvent
import org.jetbrains.kotlinx.dl.api.core.history.TrainingHistory
import org.tensorflow.Operand
import org.tensorflow.Session

/**
 * Reads the optimizer's per-step scalars (η, C/ε, solver iterations, ε_t, step, skipped steps) during
 * `fit` and publishes them as a [Flow], to listeners, and as an epoch history. Pass it to `fit`:
 * ```
 * val optimizer = arturo { epsilon = 0.0028 }
 * model.compile(optimizer, Losses.SOFT_MAX_CROSS_ENTROPY_WITH_LOGITS, Metrics.ACCURACY)
 * val telemetry = ArturoTelemetry(optimizer)
 * model.fit(train, epochs = 3, batchSize = 64, callbacks = listOf(telemetry))
 * telemetry.epochHistory.forEach(::println)
 * ```
 * Each reading is one extra small `Session.run` that fetches the scalar variables after the training
 * step; it writes nothing, so training results are the same with or without telemetry.
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
public class ArturoTelemetry @JvmOverloads constructor(
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
    private var names: List<String> = emptyList()
    private var operands: List<Operand<Float>> = emptyList()
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
    public fun addStepListener(listener: StepListener): ArturoTelemetry = apply { stepListeners += listener }

    /** Calls [listener] with each epoch summary, on the training thread. */
    public fun addEpochListener(listener: EpochListener): ArturoTelemetry = apply { epochListeners += listener }

    public fun removeStepListener(listener: StepListener): ArturoTelemetry = apply { stepListeners -= listener }

    public fun removeEpochListener(listener: EpochListener): ArturoTelemetry = apply { epochListeners -= listener }

    override fun onTrainBegin() {
        val model = KotlinDlOptimizer.modelOf(this)
        check(optimizer.isCompiledInto(model)) {
            "this telemetry watches $optimizer, which is not the optimizer of the model being trained: " +
                "create it as ArturoTelemetry(<the optimizer passed to that model's compile>)"
        }
        session = KotlinDlOptimizer.sessionOf(model)
        val scalars = optimizer.scalars()
        names = scalars.keys.toList()
        operands = scalars.values.toList()
        lastReading = read()
    }

    override fun onEpochBegin(epoch: Int, logs: TrainingHistory) {
        this.epoch = epoch
        accumulator = EpochAccumulator(lastReading.valueOf("skippedSteps").let { if (it.isNaN()) 0 else it.toLong() })
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
        val runner = checkNotNull(session) { "telemetry is read only during fit" }.runner()
        operands.forEach { runner.fetch(it) }
        val tensors = runner.run()
        try {
            val values = LinkedHashMap<String, Double>(names.size * 2)
            names.forEachIndexed { i, name -> values[name] = tensors[i].floatValue().toDouble() }
            lastReading = values
            readingIsCurrent = true
            return values
        } finally {
            tensors.forEach { it.close() }
        }
    }

    private fun publish(event: Event) {
        // Without collectors (or with room in their buffers) this never blocks.
        if (!events.tryEmit(event)) runBlocking { events.emit(event) }
    }
}
