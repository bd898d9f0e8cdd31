package org.arturo.telemetry

import org.arturo.tf.Diagnostic

/**
 * The optimizer's diagnostics read right after one training step.
 *
 * @property epoch KotlinDL's epoch number (1-based).
 * @property batch the minibatch within the epoch (0-based).
 * @property loss KotlinDL's training loss of this minibatch (NaN for a poisoned one).
 * @property values every diagnostic the optimizer reports, by name. The shared ones have accessors
 *   below; a family's own are extensions (arTuRO's `eta`, `klRatio`, ...: ArturoStats.kt).
 */
public data class StepStats(
    val epoch: Int,
    val batch: Int,
    val loss: Double,
    val values: Map<String, Double>,
) {
    /** Applied steps so far (the schedule's counter); skipped steps do not count. */
    val step: Long get() = values.valueOf(Diagnostic.STEP).toLong()

    /** Steps skipped so far because a gradient was NaN or infinite (0 when the optimizer never skips). */
    val skippedSteps: Long get() = values.countOf(Diagnostic.SKIPPED_STEPS)

    /** Steps skipped so far because their gradient was an outlier (0 when the optimizer's outlier guard is off). */
    val outlierSteps: Long get() = values.countOf(Diagnostic.OUTLIER_STEPS)

    /** The scheduled learning rate of a learning-rate optimizer (SGD, Adam, AdamW); NaN for arTuRO. */
    val learningRate: Double get() = values.valueOf(Diagnostic.LEARNING_RATE)

    /** The value of [diagnostic], or NaN when the optimizer does not report it. */
    public operator fun get(diagnostic: Diagnostic): Double = values.valueOf(diagnostic)
}

/** The named value, or NaN when the optimizer does not report it (e.g. a baseline has no η). */
internal fun Map<String, Double>.valueOf(diagnostic: Diagnostic): Double = this[diagnostic.name()] ?: Double.NaN

/** A counter's value, 0 when the optimizer does not report it. */
internal fun Map<String, Double>.countOf(diagnostic: Diagnostic): Long = this[diagnostic.name()]?.toLong() ?: 0L
