package org.arturo

import org.arturo.tf.InvalidHyperparameterException
import org.arturo.tf.schedule.Schedules

/**
 * A point or length in training time, in optimizer steps or in epochs. Epochs become steps through
 * the `stepsPerEpoch` of the `arturo { }` block: epoch `e` starts at step `e · stepsPerEpoch`
 * (0-based, as PyTorch's schedulers count).
 *
 * Inside `arturo { }` write `500.steps` or `5.epochs`. A schedule function checks each span as you
 * wrote it, in its own unit: at least 1 (a length or a milestone at step 0 means nothing) and at most
 * 2^24 steps ([Schedules.MAX_STEP]), where the optimizers' float32 step counter stops; in epochs that
 * is `2^24 / stepsPerEpoch`, checked once `stepsPerEpoch` is known.
 */
public sealed class Span {
    /** The count as given, in its own unit. */
    public abstract val count: Long

    /** [count] optimizer steps (minibatches). */
    public data class Steps(override val count: Long) : Span() {
        override fun toString(): String = if (count == 1L) "1 step" else "$count steps"
    }

    /** [count] epochs; needs `stepsPerEpoch`. */
    public data class Epochs(override val count: Long) : Span() {
        override fun toString(): String = if (count == 1L) "1 epoch" else "$count epochs"
    }
}

private val COUNTER = "the float32 step counter stops at 2^24 = ${Schedules.MAX_STEP} steps"

/** The largest count this span's unit allows; null for epochs while `stepsPerEpoch` is unknown. */
internal fun Span.maxCount(stepsPerEpoch: Long?): Long? = when (this) {
    is Span.Steps -> Schedules.MAX_STEP
    is Span.Epochs -> stepsPerEpoch?.let { Schedules.maxEpochs(it) }
}

/** The unit as a range is written in: "steps" or "epochs". */
internal val Span.unit: String get() = if (this is Span.Steps) "steps" else "epochs"

/**
 * Checks this span as the user wrote it, before any conversion: [min, max] in its own unit, naming
 * it [name] (e.g. "warmup length = -2 epochs is invalid: valid range is [1, ∞) epochs").
 */
internal fun Span.checkAsWritten(name: String, min: Long, stepsPerEpoch: Long?) {
    val max = maxCount(stepsPerEpoch)
    if (count < min || (max != null && count > max)) {
        val range = when {
            max == null -> "[$min, ∞) $unit"
            this is Span.Epochs -> "[$min, $max] epochs at $stepsPerEpoch steps per epoch: $COUNTER"
            else -> "[$min, $max] steps: $COUNTER"
        }
        throw InvalidHyperparameterException(name, this, range)
    }
}

/** Steps, after [checkAsWritten]; epoch `e` starts at step `e · stepsPerEpoch`, the core's own rule. */
internal fun Span.toSteps(name: String, min: Long, stepsPerEpoch: Long): Long {
    checkAsWritten(name, min, stepsPerEpoch)
    return when (this) {
        is Span.Steps -> count
        is Span.Epochs -> Schedules.epochsToSteps(name, stepsPerEpoch, count)[0]
    }
}

/**
 * Checks that [spans] strictly increase, comparing as written when they share a unit and in steps
 * when [stepsPerEpoch] is known; spans in different units wait for it.
 */
internal fun checkIncreasing(spans: List<Span>, stepsPerEpoch: Long?, nameOf: (Int) -> String) {
    for (i in 1 until spans.size) {
        val previous = spans[i - 1]
        val span = spans[i]
        val sameUnit = previous::class == span::class
        val increasing = when {
            sameUnit -> span.count > previous.count
            stepsPerEpoch != null -> span.toSteps(nameOf(i), 1, stepsPerEpoch) >
                previous.toSteps(nameOf(i - 1), 1, stepsPerEpoch)
            else -> true
        }
        if (!increasing) {
            val range = if (sameUnit) {
                val max = span.maxCount(stepsPerEpoch)
                "[${previous.count + 1}, ${max ?: "∞"}${if (max == null) ")" else "]"} ${span.unit}: strictly increasing"
            } else {
                "after ${nameOf(i - 1)} = $previous (1 epoch = $stepsPerEpoch steps): strictly increasing"
            }
            throw InvalidHyperparameterException(nameOf(i), span, range)
        }
    }
}
