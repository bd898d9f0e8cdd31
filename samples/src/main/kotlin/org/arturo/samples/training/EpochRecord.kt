package org.arturo.samples.training

/**
 * Metrics after one epoch (epoch 0: before training). Train metrics are measured in evaluation mode
 * (no dropout) on a fixed part of the training set, like the test metrics, so the two are comparable.
 */
data class EpochRecord(
    val epoch: Int,
    val trainLoss: Double,
    val trainAccuracy: Double,
    val testLoss: Double,
    val testAccuracy: Double,
    /** Mean minibatch loss during the epoch (with dropout); NaN for epoch 0. */
    val meanBatchLoss: Double = Double.NaN,
    /** Wall time of the epoch's training steps (no evaluation). */
    val trainSeconds: Double = 0.0,
    /** Median wall time of one training step in this epoch. */
    val medianStepMillis: Double = Double.NaN,
    /** Optimizer scalars averaged over the epoch's steps (e.g. eta, solverIterations, learningRate). */
    val meanScalars: Map<String, Double> = emptyMap(),
    /** Largest value per scalar within the epoch. */
    val maxScalars: Map<String, Double> = emptyMap(),
)

/** One optimizer's training run. */
data class RunHistory(val optimizer: String, val epochs: List<EpochRecord>) {
    val final: EpochRecord get() = epochs.last()
    val bestTestAccuracy: Double get() = epochs.drop(1).maxOfOrNull { it.testAccuracy } ?: Double.NaN
}
