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
    /** Stop after this many steps, inside an epoch if need be (a step budget, as in the thesis's problems); null = whole epochs. */
    val stepLimit: Long? = null,
) {
    init {
        require(epochs >= 1) { "epochs must be at least 1, was $epochs" }
        require(batchSize >= 1) { "batchSize must be at least 1, was $batchSize" }
        require(trainEvalSize >= 0) { "trainEvalSize must be ≥ 0, was $trainEvalSize" }
        require(stepLimit == null || stepLimit >= 1) { "stepLimit must be at least 1, was $stepLimit" }
    }

    fun stepsPerEpoch(trainImages: Int): Long = ((trainImages + batchSize - 1) / batchSize).toLong()

    /** Steps of [epoch] (1-based): a whole epoch, or what the [stepLimit] leaves of it (0 once it is spent). */
    fun stepsIn(epoch: Int, trainImages: Int): Long {
        val perEpoch = stepsPerEpoch(trainImages)
        val limit = stepLimit ?: return perEpoch
        return (limit - (epoch - 1) * perEpoch).coerceIn(0, perEpoch)
    }

    companion object {
        /** A plan of [steps] steps: as many epochs as they need, the last one cut short. */
        fun ofSteps(steps: Long, trainImages: Int, batchSize: Int, seed: Long = 42, trainEvalSize: Int = 10_000,
                    showProgress: Boolean = true): TrainingPlan {
            val perEpoch = (trainImages + batchSize - 1) / batchSize
            val epochs = ((steps + perEpoch - 1) / perEpoch).toInt()
            return TrainingPlan(epochs, batchSize, seed, trainEvalSize, showProgress, steps)
        }
    }
}
