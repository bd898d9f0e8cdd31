package org.arturo.telemetry

import java.util.concurrent.CopyOnWriteArrayList
import java.util.function.Supplier
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.MutableSharedFlow
import kotlinx.coroutines.flow.emitAll
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.flow.transformWhile
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
 * they complete when that `fit` ends. Run `fit` inside [observe] so that they also end when it fails:
 * KotlinDL tells callbacks nothing when `fit` throws, [observe] does, and the collectors then receive
 * the exception. Up to `bufferCapacity` events wait for a slow collector; beyond that the training
 * thread waits for it, so no event is lost. Do not collect on the thread that runs `fit` (run `fit` in
 * `withContext(Dispatchers.IO)`).
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
    /** Everything published carries the number of the fit it belongs to, so a collector follows exactly one fit. */
    private sealed interface Event {
        val fit: Long

        class Begin(override val fit: Long) : Event
        class Step(override val fit: Long, val stats: StepStats) : Event
        class Epoch(override val fit: Long, val stats: EpochStats) : Event
        class End(override val fit: Long) : Event
        class Failed(override val fit: Long, val cause: Throwable) : Event

        /** A new fit began while this one had neither ended nor failed through [observe]. */
        class Abandoned(override val fit: Long) : Event
    }

    private val events = MutableSharedFlow<Event>(extraBufferCapacity = bufferCapacity)
    private val stepListeners = CopyOnWriteArrayList<StepListener>()
    private val epochListeners = CopyOnWriteArrayList<EpochListener>()
    private val history = CopyOnWriteArrayList<EpochStats>()

    /** Fits begun so far (a failure in [observe] before `fit` began counts as one). */
    private var fits = 0L
    /** The fit that began and has not ended yet, if any. */
    private var openFit: Long? = null
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

    /**
     * Step readings of one `fit`: the one running when collection starts, else the next. Completes when
     * that `fit` ends; throws its exception when it fails inside [observe]; throws
     * [IllegalStateException] when a new `fit` begins while it never ended (it failed outside [observe]).
     */
    public val steps: Flow<StepStats> = eventsOfOneFit { (it as? Event.Step)?.stats }

    /** Epoch summaries of one `fit`, completing or failing as [steps] does. */
    public val epochs: Flow<EpochStats> = eventsOfOneFit { (it as? Event.Epoch)?.stats }

    /**
     * The events of the first fit this collector sees. A fit abandoned before this collector saw any
     * of its events is skipped: its end is only learned when the next fit begins, which is the one
     * such a collector waits for.
     */
    private fun <T : Any> eventsOfOneFit(pick: (Event) -> T?): Flow<T> = flow {
        var fit = -1L
        emitAll(
            events.transformWhile { e ->
                if (fit < 0) {
                    if (e is Event.Abandoned) return@transformWhile true
                    fit = e.fit
                }
                when {
                    e.fit != fit -> true
                    e is Event.End -> false
                    e is Event.Failed -> throw e.cause
                    e is Event.Abandoned -> throw IllegalStateException(
                        "the fit these telemetry events came from ended without finishing (KotlinDL reports no " +
                            "failure to callbacks), and a new fit began; run fit inside telemetry.observe { } to " +
                            "receive its exception",
                    )
                    else -> {
                        pick(e)?.let { emit(it) }
                        true
                    }
                }
            },
        )
    }

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

    /**
     * Runs [block] (a `model.fit(...)` with this telemetry among its callbacks) and returns its result.
     * If it throws, the flows of the fit it ran terminate with that exception, so collectors that
     * wait for them see it instead of hanging; then the exception is rethrown here.
     * ```
     * val history = telemetry.observe { model.fit(train, epochs = 10, batchSize = 64, callbacks = listOf(telemetry)) }
     * ```
     * From Java: `telemetry.observe(() -> model.fit(train, 10, 64, List.of(telemetry)))`.
     */
    @JvmSynthetic
    public inline fun <T> observe(block: () -> T): T {
        try {
            return block()
        } catch (failure: Throwable) {
            fitFailed(failure)
            throw failure
        }
    }

    /** [observe] for Java: `telemetry.observe(() -> model.fit(train, 10, 64, List.of(telemetry)))`. */
    public fun <T> observe(block: Supplier<T>): T = observe { block.get() }

    /** Ends the open fit (or, if none began, the one that was about to) with [cause]. */
    @PublishedApi
    internal fun fitFailed(cause: Throwable) {
        val fit = openFit ?: ++fits
        openFit = null
        session = null
        publish(Event.Failed(fit, cause))
    }

    override fun onTrainBegin() {
        // A fit that never ended (it threw outside observe) ends now, so its collectors do not wait forever.
        openFit?.let { publish(Event.Abandoned(it)) }
        val fit = ++fits
        openFit = fit
        publish(Event.Begin(fit))
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
        publish(Event.Step(currentFit(), stats))
    }

    override fun onEpochEnd(epoch: Int, event: EpochTrainingEvent, logs: TrainingHistory) {
        val last = if (readingIsCurrent) lastReading else read()
        if (accumulator.isEmpty()) accumulator.add(last)
        val stats = accumulator.finish(epoch, event.lossValue, last)
        history += stats
        epochListeners.forEach { it.onEpoch(stats) }
        publish(Event.Epoch(currentFit(), stats))
    }

    override fun onTrainEnd(logs: TrainingHistory) {
        val fit = currentFit()
        openFit = null
        session = null
        publish(Event.End(fit))
    }

    private fun currentFit(): Long = openFit ?: fits

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
