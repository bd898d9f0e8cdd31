package org.arturo.telemetry

import org.arturo.tf.Diagnostic

/**
 * The optimizer's diagnostics aggregated over one epoch.
 *
 * @property epoch KotlinDL's epoch number (1-based).
 * @property loss KotlinDL's mean training loss over the epoch.
 * @property readings how many step readings [mean] and [max] aggregate (with `everySteps = 0` only
 *   the end-of-epoch reading).
 * @property mean each diagnostic's mean over the readings.
 * @property max each diagnostic's maximum over the readings.
 * @property last each diagnostic at the end of the epoch.
 * @property skippedStepsInEpoch steps skipped during this epoch (NaN/Inf gradients; outliers are in [outlierSteps]).
 */
public data class EpochStats(
    val epoch: Int,
    val loss: Double,
    val readings: Int,
    val mean: Map<String, Double>,
    val max: Map<String, Double>,
    val last: Map<String, Double>,
    val skippedStepsInEpoch: Long,
) {
    /** Applied steps at the end of the epoch. */
    val step: Long get() = last.valueOf(Diagnostic.STEP).toLong()

    /** Steps skipped since training began. */
    val skippedSteps: Long get() = last.countOf(Diagnostic.SKIPPED_STEPS)

    /** Steps skipped as outliers since training began. */
    val outlierSteps: Long get() = last.countOf(Diagnostic.OUTLIER_STEPS)

    /** The learning rate at the end of the epoch (learning-rate optimizers); NaN for arTuRO. */
    val learningRate: Double get() = last.valueOf(Diagnostic.LEARNING_RATE)
}
