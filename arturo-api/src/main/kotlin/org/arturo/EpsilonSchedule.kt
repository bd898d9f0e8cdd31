package org.arturo

import org.arturo.tf.ArturoPreset
import org.arturo.tf.schedule.Schedule
import org.arturo.tf.schedule.Schedules

/**
 * How ε changes over training, as written in the `arturo { }` block: a description whose lengths may
 * be in steps or in epochs. It becomes a core [Schedule] (ε_t = ε · factor(t), t = applied steps)
 * once `stepsPerEpoch` is known; all math stays in [Schedules].
 *
 * Build instances with the schedule functions of [ArturoBuilder] (`multiStep`, `exponential`,
 * `cosine`, `warmup`, `piecewise`, `paperSchedule`, `custom`).
 */
public sealed class EpsilonSchedule {
    /** True when some length is in epochs, so `stepsPerEpoch` is needed. */
    public abstract val usesEpochs: Boolean

    /** The core schedule; [stepsPerEpoch] is only read when [usesEpochs]. */
    internal abstract fun resolve(stepsPerEpoch: Long): Schedule

    internal object Constant : EpsilonSchedule() {
        override val usesEpochs: Boolean get() = false
        override fun resolve(stepsPerEpoch: Long): Schedule = Schedules.constant()
        override fun toString(): String = "constant"
    }

    internal class MultiStep(private val gamma: Double, private val milestones: List<Span>) : EpsilonSchedule() {
        override val usesEpochs: Boolean get() = milestones.any { it is Span.Epochs }
        override fun resolve(stepsPerEpoch: Long): Schedule =
            Schedules.multiStep(gamma, *milestones.map { it.toSteps(stepsPerEpoch) }.toLongArray())
        override fun toString(): String = "multiStep(gamma=$gamma, milestones=$milestones)"
    }

    internal class Exponential(private val rate: Double, private val every: Span, private val staircase: Boolean) :
        EpsilonSchedule() {
        override val usesEpochs: Boolean get() = every is Span.Epochs
        override fun resolve(stepsPerEpoch: Long): Schedule =
            Schedules.exponential(rate, every.toSteps(stepsPerEpoch), staircase)
        override fun toString(): String = "exponential(rate=$rate every $every, staircase=$staircase)"
    }

    internal class Cosine(private val over: Span, private val floor: Double) : EpsilonSchedule() {
        override val usesEpochs: Boolean get() = over is Span.Epochs
        override fun resolve(stepsPerEpoch: Long): Schedule = Schedules.cosine(over.toSteps(stepsPerEpoch), floor)
        override fun toString(): String = "cosine(over $over, floor=$floor)"
    }

    internal class Warmup(private val length: Span, private val then: EpsilonSchedule) : EpsilonSchedule() {
        override val usesEpochs: Boolean get() = length is Span.Epochs || then.usesEpochs
        override fun resolve(stepsPerEpoch: Long): Schedule =
            Schedules.warmup(length.toSteps(stepsPerEpoch), then.resolve(stepsPerEpoch))
        override fun toString(): String = "warmup($length, then $then)"
    }

    internal class Piecewise(private val initial: Double, private val pieces: List<Pair<Span, Double>>) :
        EpsilonSchedule() {
        override val usesEpochs: Boolean get() = pieces.any { it.first is Span.Epochs }
        override fun resolve(stepsPerEpoch: Long): Schedule = Schedules.piecewise(
            pieces.map { it.first.toSteps(stepsPerEpoch) }.toLongArray(),
            (listOf(initial) + pieces.map { it.second }).toDoubleArray(),
        )
        override fun toString(): String = "piecewise(initial=$initial, $pieces)"
    }

    internal class Paper(private val preset: ArturoPreset, private val epochs: Long) : EpsilonSchedule() {
        override val usesEpochs: Boolean get() = true
        override fun resolve(stepsPerEpoch: Long): Schedule = preset.paperSchedule(epochs, stepsPerEpoch)
        override fun toString(): String = "paperSchedule($preset, $epochs epochs)"
    }

    internal class Custom(private val schedule: Schedule) : EpsilonSchedule() {
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
