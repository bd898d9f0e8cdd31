package org.arturo.samples.training

/**
 * How a run trains: the same plan for every optimizer gives the same initial weights, the same
 * minibatches in the same order and the same dropout masks.
 */
data class TrainingPlan(
    val epochs: Int,
    val batchSize: Int = 255,
    val seed: Long = 42,
    /** Training images used for the per-epoch train loss/accuracy (evaluation mode); 0 = all. */
    val trainEvalSize: Int = 10_000,
    val showProgress: Boolean = true,
) {
    init {
        require(epochs >= 1) { "epochs must be at least 1, was $epochs" }
        require(batchSize >= 1) { "batchSize must be at least 1, was $batchSize" }
        require(trainEvalSize >= 0) { "trainEvalSize must be ≥ 0, was $trainEvalSize" }
    }

    fun stepsPerEpoch(trainImages: Int): Long = ((trainImages + batchSize - 1) / batchSize).toLong()
}
