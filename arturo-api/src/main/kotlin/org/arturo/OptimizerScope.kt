package org.arturo

import org.arturo.kotlindl.KotlinDlOptimizer
import org.arturo.tf.Check
import org.arturo.tf.GraphOptimizer
import org.arturo.tf.InvalidHyperparameterException
import org.arturo.tf.preset.Preset
import org.arturo.tf.schedule.Schedule
import org.arturo.tf.schedule.Schedules
import org.jetbrains.kotlinx.dl.api.core.optimizer.ClipGradientAction
import org.jetbrains.kotlinx.dl.api.core.optimizer.NoClipGradient
import org.jetbrains.kotlinx.dl.dataset.Dataset

/** Marks the optimizer blocks (`arturo { }`, `sgd { }`, ...) so nested receivers do not leak into them. */
@DslMarker
public annotation class ArturoDsl

/**
 * What every optimizer block shares: the schedule of its base value (ε for arTuRO, the learning rate
 * for the baselines), written in steps or epochs, `stepsPerEpoch` to convert epochs, and KotlinDL's
 * gradient clipping. A block ends by building its core optimizer ([buildOptimizer]).
 *
 * @param paperPreset the preset whose multi-step schedule [paperSchedule] compresses.
 */
@ArturoDsl
public abstract class OptimizerScope internal constructor(
    initialSchedule: Schedule,
    private val blockName: String,
    private val paperPreset: Preset<*>,
) {
    /**
     * Optimizer steps (minibatches) per epoch: needed when a schedule length is in epochs. KotlinDL
     * runs `ceil(trainingSize / batchSize)` steps per epoch; [stepsPerEpoch] (dataset, batchSize) computes it.
     * At most 2^24, where the float32 step counter stops.
     */
    public var stepsPerEpoch: Int? = null
        set(value) {
            if (value != null) {
                Check.inRange("stepsPerEpoch", value.toLong(), 1, Schedules.MAX_STEP)
                schedule.validate(value.toLong())
            }
            field = value
        }

    /** The schedule of the base value; default constant. Build it with the functions below. */
    public var schedule: ScheduleSpec =
        if (initialSchedule === Schedules.constant()) ScheduleSpec.Constant else ScheduleSpec.Custom(initialSchedule)
        set(value) {
            value.validate(stepsPerEpoch?.toLong())
            field = value
        }

    /** KotlinDL's gradient clipping (e.g. `ClipGradientByValue(1f)`), applied before the optimizer sees the gradients. */
    public var clipGradient: ClipGradientAction = NoClipGradient()
        set(value) {
            field = KotlinDlOptimizer.checkClipGradient(value)
        }

    /** Sets [stepsPerEpoch] to the number of minibatches KotlinDL makes of [dataset]: ceil(size / batchSize). */
    public fun stepsPerEpoch(dataset: Dataset, batchSize: Int) {
        Check.inRange("batchSize", batchSize.toLong(), 1, Int.MAX_VALUE.toLong())
        stepsPerEpoch = -Math.floorDiv(-dataset.xSize(), batchSize)
    }

    /** This many optimizer steps (minibatches), e.g. `500.steps`. */
    public val Int.steps: Span get() = Span.Steps(toLong())

    /** This many optimizer steps (minibatches). */
    public val Long.steps: Span get() = Span.Steps(this)

    /** This many epochs, e.g. `5.epochs`; needs [stepsPerEpoch]. */
    public val Int.epochs: Span get() = Span.Epochs(toLong())

    /** This many epochs; needs [stepsPerEpoch]. */
    public val Long.epochs: Span get() = Span.Epochs(this)

    /** factor 1: the base value throughout. */
    public fun constant(): ScheduleSpec = ScheduleSpec.Constant

    /** The value is multiplied by [gamma] at each milestone (strictly increasing), e.g. `multiStep(0.1, 5.epochs, 8.epochs)`. */
    public fun multiStep(gamma: Double, vararg milestones: Span): ScheduleSpec =
        ScheduleSpec.MultiStep(gamma, milestones.toList()).validated()

    /** factor = rate^(t / every); with [staircase] the exponent is floored (e.g. `exponential(0.9, 1.epochs, true)`). */
    public fun exponential(rate: Double, every: Span, staircase: Boolean = false): ScheduleSpec =
        ScheduleSpec.Exponential(rate, every, staircase).validated()

    /** Cosine annealing from 1 to [floor] over [over], then constant at [floor]. */
    public fun cosine(over: Span, floor: Double = 0.0): ScheduleSpec =
        ScheduleSpec.Cosine(over, floor).validated()

    /** A linear ramp min(1, (t+1)/length) multiplied onto [then]. */
    public fun warmup(length: Span, then: ScheduleSpec = constant()): ScheduleSpec =
        ScheduleSpec.Warmup(length, then).validated()

    /** factor [initial] until the first boundary, then each pair's factor from its boundary on. */
    public fun piecewise(initial: Double, vararg pieces: Pair<Span, Double>): ScheduleSpec =
        ScheduleSpec.Piecewise(initial, pieces.toList()).validated()

    /**
     * The paper's multi-step schedule for this block's preset, compressed to [totalEpochs]: the
     * milestones fall at 50% and 75% of training (arTuRO: ε × 0.006, the baselines: lr × 0.1).
     * Without a preset, that of the Fashion-MNIST CNN column.
     */
    public fun paperSchedule(totalEpochs: Int): ScheduleSpec =
        ScheduleSpec.Paper(paperPreset.toString(), totalEpochs.toLong(), paperPreset::paperSchedule).validated()

    /**
     * Any core [Schedule] (lengths in steps), e.g. one from `org.arturo.tf.schedule.Schedules`; its
     * [Schedule.maxFactor] and [Schedule.minFactor] must bound its factors.
     */
    public fun custom(schedule: Schedule): ScheduleSpec = ScheduleSpec.Custom(schedule).validated()

    /**
     * The core schedule this block describes. A schedule in epochs without [stepsPerEpoch] fails here,
     * when the block ends, so ε (or the learning rate) never silently stays constant.
     */
    internal fun resolveSchedule(): Schedule {
        val spe = stepsPerEpoch
        if (schedule.usesEpochs && spe == null) {
            throw InvalidHyperparameterException(
                "stepsPerEpoch", "not set",
                "[1, ∞): the schedule ($schedule) counts epochs; set stepsPerEpoch = <minibatches per epoch> " +
                    "or stepsPerEpoch(trainingDataset, batchSize) in the $blockName { } block",
            )
        }
        return schedule.resolve(spe?.toLong() ?: 1L)
    }

    /** The core optimizer this block describes, once the block has run. */
    internal abstract fun buildOptimizer(): GraphOptimizer

    /**
     * Checks a schedule's values at once: its spans as written and its factors always, the core's
     * checks in steps when its lengths can already be converted.
     */
    private fun ScheduleSpec.validated(): ScheduleSpec = also { it.validate(stepsPerEpoch?.toLong()) }
}

/** Runs [block] on [scope] and wraps the optimizer it describes for KotlinDL, with its gradient clipping. */
internal fun <S : OptimizerScope> optimizer(scope: S, block: S.() -> Unit): KotlinDlOptimizer {
    scope.block()
    return KotlinDlOptimizer(scope.buildOptimizer(), scope.clipGradient)
}
