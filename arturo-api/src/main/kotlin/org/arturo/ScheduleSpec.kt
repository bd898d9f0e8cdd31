package org.arturo

import org.arturo.tf.schedule.Schedule
import org.arturo.tf.schedule.Schedules

/**
 * A schedule as written in an optimizer block (`arturo { }`, `sgd { }`, ...): a description whose
 * lengths may be in steps or in epochs. It becomes a core [Schedule] (value_t = base · factor(t),
 * t = applied steps; the base is ε for arTuRO, the learning rate for the baselines) once
 * `stepsPerEpoch` is known; all math stays in [Schedules].
 *
 * Build instances with the schedule functions of [OptimizerScope] (`multiStep`, `exponential`,
 * `cosine`, `warmup`, `piecewise`, `paperSchedule`, `custom`).
 */
public sealed class ScheduleSpec {
    /** True when some length is in epochs, so `stepsPerEpoch` is needed. */
    public abstract val usesEpochs: Boolean

    /** The core schedule; [stepsPerEpoch] is only read when [usesEpochs]. */
    internal abstract fun resolve(stepsPerEpoch: Long): Schedule

    internal object Constant : ScheduleSpec() {
        override val usesEpochs: Boolean get() = false
        override fun resolve(stepsPerEpoch: Long): Schedule = Schedules.constant()
        override fun toString(): String = "constant"
    }

    internal class MultiStep(private val gamma: Double, private val milestones: List<Span>) : ScheduleSpec() {
        override val usesEpochs: Boolean get() = milestones.any { it is Span.Epochs }
        override fun resolve(stepsPerEpoch: Long): Schedule =
            Schedules.multiStep(gamma, *milestones.map { it.toSteps(stepsPerEpoch) }.toLongArray())
        override fun toString(): String = "multiStep(gamma=$gamma, milestones=$milestones)"
    }

    internal class Exponential(private val rate: Double, private val every: Span, private val staircase: Boolean) :
        ScheduleSpec() {
        override val usesEpochs: Boolean get() = every is Span.Epochs
        override fun resolve(stepsPerEpoch: Long): Schedule =
            Schedules.exponential(rate, every.toSteps(stepsPerEpoch), staircase)
        override fun toString(): String = "exponential(rate=$rate every $every, staircase=$staircase)"
    }

    internal class Cosine(private val over: Span, private val floor: Double) : ScheduleSpec() {
        override val usesEpochs: Boolean get() = over is Span.Epochs
        override fun resolve(stepsPerEpoch: Long): Schedule = Schedules.cosine(over.toSteps(stepsPerEpoch), floor)
        override fun toString(): String = "cosine(over $over, floor=$floor)"
    }

    internal class Warmup(private val length: Span, private val then: ScheduleSpec) : ScheduleSpec() {
        override val usesEpochs: Boolean get() = length is Span.Epochs || then.usesEpochs
        override fun resolve(stepsPerEpoch: Long): Schedule =
            Schedules.warmup(length.toSteps(stepsPerEpoch), then.resolve(stepsPerEpoch))
        override fun toString(): String = "warmup($length, then $then)"
    }

    internal class Piecewise(private val initial: Double, private val pieces: List<Pair<Span, Double>>) :
        ScheduleSpec() {
        override val usesEpochs: Boolean get() = pieces.any { it.first is Span.Epochs }
        override fun resolve(stepsPerEpoch: Long): Schedule = Schedules.piecewise(
            pieces.map { it.first.toSteps(stepsPerEpoch) }.toLongArray(),
            (listOf(initial) + pieces.map { it.second }).toDoubleArray(),
        )
        override fun toString(): String = "piecewise(initial=$initial, $pieces)"
    }

    /** A preset's paper schedule: [make] maps (total epochs, steps per epoch) to the core schedule. */
    internal class Paper(
        private val name: String,
        private val epochs: Long,
        private val make: (epochs: Long, stepsPerEpoch: Long) -> Schedule,
    ) : ScheduleSpec() {
        override val usesEpochs: Boolean get() = true
        override fun resolve(stepsPerEpoch: Long): Schedule = make(epochs, stepsPerEpoch)
        override fun toString(): String = "paperSchedule($name, $epochs epochs)"
    }

    internal class Custom(private val schedule: Schedule) : ScheduleSpec() {
        override val usesEpochs: Boolean get() = false
        override fun resolve(stepsPerEpoch: Long): Schedule = schedule
        override fun toString(): String = schedule.toString()
    }
}

/** Steps, converting epochs with the core's own rule. */
internal fun Span.toSteps(stepsPerEpoch: Long): Long = when (this) {
    is Span.Steps -> count
    is Span.Epochs -> Schedules.epochsToSteps(stepsPerEpoch, count)[0]
}
