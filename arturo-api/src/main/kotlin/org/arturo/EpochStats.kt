package org.arturo

/**
 * The optimizer's scalars aggregated over one epoch.
 *
 * @property epoch KotlinDL's epoch number (1-based).
 * @property loss KotlinDL's mean training loss over the epoch.
 * @property readings how many step readings [mean] and [max] aggregate (with `everySteps = 0` only
 *   the end-of-epoch reading).
 * @property mean each scalar's mean over the readings.
 * @property max each scalar's maximum over the readings.
 * @property last each scalar at the end of the epoch.
 * @property skippedStepsInEpoch steps skipped during this epoch (NaN/Inf gradients).
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
    /** Mean η over the epoch's readings. */
    val meanEta: Double get() = mean.valueOf("eta")

    /** Mean C(η)/ε_t over the epoch's readings. */
    val meanKlRatio: Double get() = mean.valueOf("klRatio")

    /** Mean solver passes per step over the epoch's readings. */
    val meanSolverIterations: Double get() = mean.valueOf("solverIterations")

    /** Most solver passes any read step needed. */
    val maxSolverIterations: Double get() = max.valueOf("solverIterations")

    /** ε_t at the end of the epoch. */
    val epsilon: Double get() = last.valueOf("epsilon")

    /** Applied steps at the end of the epoch. */
    val step: Long get() = last.valueOf("step").toLong()

    /** Steps skipped since training began. */
    val skippedSteps: Long get() = last.valueOf("skippedSteps").toLong()
}
