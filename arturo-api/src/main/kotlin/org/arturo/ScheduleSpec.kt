package org.arturo

import org.arturo.tf.Check
import org.arturo.tf.InvalidHyperparameterException
import org.arturo.tf.schedule.Schedule
import org.arturo.tf.schedule.Schedules

/**
 * A schedule as written in an optimizer block (`arturo { }`, `sgd { }`, ...): a description whose
 * lengths may be in steps or in epochs. It becomes a core [Schedule] (value_t = base · factor(t),
 * t = applied steps; the base is ε for arTuRO, the learning rate for the baselines) once
 * `stepsPerEpoch` is known; all math stays in [Schedules].
 *
 * Build instances with the schedule functions of [OptimizerScope] (`multiStep`, `exponential`,
 * `cosine`, `warmup`, `piecewise`, `paperSchedule`, `custom`). Each checks its spans as written, in
 * their own unit and under the names of the function's parameters (`warmup length`, `cosine over`,
 * `exponential every`, `milestones[i]`, `pieces[i] boundary`), and its factors with the core's rules,
 * as soon as it is written; spans in epochs are checked against their upper bound once
 * `stepsPerEpoch` is known.
 */
public sealed class ScheduleSpec {
    /** True when some length is in epochs, so `stepsPerEpoch` is needed. */
    public abstract val usesEpochs: Boolean

    /** The core schedule; [stepsPerEpoch] is only read when [usesEpochs]. */
    internal abstract fun resolve(stepsPerEpoch: Long): Schedule

    /**
     * The checks that need no conversion: spans as written (their upper bound in epochs only when
     * [stepsPerEpoch] is known) and factors. Throws [InvalidHyperparameterException].
     */
    internal abstract fun checkAsWritten(stepsPerEpoch: Long?)

    /** Every check there is now: as written, then, when the spans can be converted, the core's own. */
    internal fun validate(stepsPerEpoch: Long?) {
        checkAsWritten(stepsPerEpoch)
        if (!usesEpochs || stepsPerEpoch != null) resolve(stepsPerEpoch ?: 1L)
    }

    internal object Constant : ScheduleSpec() {
        override val usesEpochs: Boolean get() = false
        override fun resolve(stepsPerEpoch: Long): Schedule = Schedules.constant()
        override fun checkAsWritten(stepsPerEpoch: Long?) {}
        override fun toString(): String = "constant"
    }

    internal class MultiStep(private val gamma: Double, private val milestones: List<Span>) : ScheduleSpec() {
        override val usesEpochs: Boolean get() = milestones.any { it is Span.Epochs }
        override fun checkAsWritten(stepsPerEpoch: Long?) {
            milestones.forEachIndexed { i, m -> m.checkAsWritten("milestones[$i]", 1, stepsPerEpoch) }
            checkIncreasing(milestones, stepsPerEpoch) { "milestones[$it]" }
            // gamma and gamma^n with the core's rules: the milestones' values do not matter to them.
            Schedules.multiStep(gamma, *LongArray(milestones.size) { it + 1L })
        }
        override fun resolve(stepsPerEpoch: Long): Schedule = Schedules.multiStep(
            gamma, *milestones.mapIndexed { i, m -> m.toSteps("milestones[$i]", 1, stepsPerEpoch) }.toLongArray(),
        )
        override fun toString(): String = "multiStep(gamma=$gamma, milestones=$milestones)"
    }

    internal class Exponential(private val rate: Double, private val every: Span, private val staircase: Boolean) :
        ScheduleSpec() {
        override val usesEpochs: Boolean get() = every is Span.Epochs
        override fun checkAsWritten(stepsPerEpoch: Long?) {
            every.checkAsWritten(EVERY, 1, stepsPerEpoch)
            Schedules.exponential(rate, 1, staircase)
        }
        override fun resolve(stepsPerEpoch: Long): Schedule =
            Schedules.exponential(rate, every.toSteps(EVERY, 1, stepsPerEpoch), staircase)
        override fun toString(): String = "exponential(rate=$rate every $every, staircase=$staircase)"

        private companion object {
            const val EVERY = "exponential every"
        }
    }

    internal class Cosine(private val over: Span, private val floor: Double) : ScheduleSpec() {
        override val usesEpochs: Boolean get() = over is Span.Epochs
        override fun checkAsWritten(stepsPerEpoch: Long?) {
            over.checkAsWritten(OVER, 1, stepsPerEpoch)
            Schedules.cosine(1, floor)
        }
        override fun resolve(stepsPerEpoch: Long): Schedule =
            Schedules.cosine(over.toSteps(OVER, 1, stepsPerEpoch), floor)
        override fun toString(): String = "cosine(over $over, floor=$floor)"

        private companion object {
            const val OVER = "cosine over"
        }
    }

    internal class Warmup(private val length: Span, private val then: ScheduleSpec) : ScheduleSpec() {
        override val usesEpochs: Boolean get() = length is Span.Epochs || then.usesEpochs
        override fun checkAsWritten(stepsPerEpoch: Long?) {
            length.checkAsWritten(LENGTH, 1, stepsPerEpoch)
            then.checkAsWritten(stepsPerEpoch)
        }
        override fun resolve(stepsPerEpoch: Long): Schedule =
            Schedules.warmup(length.toSteps(LENGTH, 1, stepsPerEpoch), then.resolve(stepsPerEpoch))
        override fun toString(): String = "warmup($length, then $then)"

        private companion object {
            const val LENGTH = "warmup length"
        }
    }

    internal class Piecewise(private val initial: Double, private val pieces: List<Pair<Span, Double>>) :
        ScheduleSpec() {
        override val usesEpochs: Boolean get() = pieces.any { it.first is Span.Epochs }
        override fun checkAsWritten(stepsPerEpoch: Long?) {
            Check.positiveFloat("initial", initial)
            pieces.forEachIndexed { i, (boundary, factor) ->
                boundary.checkAsWritten("pieces[$i] boundary", 1, stepsPerEpoch)
                Check.positiveFloat("pieces[$i] factor", factor)
            }
            checkIncreasing(pieces.map { it.first }, stepsPerEpoch) { "pieces[$it] boundary" }
        }
        override fun resolve(stepsPerEpoch: Long): Schedule = Schedules.piecewise(
            pieces.mapIndexed { i, p -> p.first.toSteps("pieces[$i] boundary", 1, stepsPerEpoch) }.toLongArray(),
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
        override fun checkAsWritten(stepsPerEpoch: Long?) {
            // The milestones fall at 50% and 75% of training: at least 2 epochs, each milestone counted.
            Span.Epochs(epochs).checkAsWritten(TOTAL, 2, stepsPerEpoch)
        }
        override fun resolve(stepsPerEpoch: Long): Schedule {
            Span.Epochs(epochs).checkAsWritten(TOTAL, 2, stepsPerEpoch)
            return make(epochs, stepsPerEpoch)
        }
        override fun toString(): String = "paperSchedule($name, $epochs epochs)"

        private companion object {
            const val TOTAL = "paperSchedule totalEpochs"
        }
    }

    internal class Custom(private val schedule: Schedule) : ScheduleSpec() {
        override val usesEpochs: Boolean get() = false
        override fun checkAsWritten(stepsPerEpoch: Long?) {
            Schedules.checkFactorBounds("schedule", schedule)
        }
        override fun resolve(stepsPerEpoch: Long): Schedule = schedule
        override fun toString(): String = schedule.toString()
    }
}
