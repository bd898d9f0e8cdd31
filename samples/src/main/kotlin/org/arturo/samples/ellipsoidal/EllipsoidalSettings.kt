package org.arturo.samples.ellipsoidal

/**
 * The comparison's budget and batches: every method gets [backprops] backpropagations; the trust region
 * draws batches of [trustRegionBatch], the first-order methods of [firstOrderBatch] (the paper's set-up).
 * Seeds 0 … [seeds] − 1 set the initial weights and the data order, the same for every method.
 * [exactCountBudget] is where the report also reads the trust region counted as with exact Hv products
 * (gradients + products), the unit of the reference results; by default the same number as [backprops].
 */
data class EllipsoidalSettings(
    val methods: List<EllipsoidalMethod> = EllipsoidalMethod.entries,
    val seeds: Int = 3,
    val backprops: Long = 2000,
    val trustRegionBatch: Int = 512,
    val firstOrderBatch: Int = 32,
    val evalEvery: Long = 100,
    val exactCountBudget: Long = backprops,
) {
    init {
        require(methods.isNotEmpty()) { "--methods: name at least one method" }
        require(seeds >= 1) { "--seeds must be at least 1, was $seeds" }
        require(backprops >= 1) { "--backprops must be at least 1, was $backprops" }
        require(trustRegionBatch >= 1) { "--batch-size must be at least 1, was $trustRegionBatch" }
        require(firstOrderBatch >= 1) { "--baseline-batch-size must be at least 1, was $firstOrderBatch" }
        require(evalEvery >= 1) { "--eval-every must be at least 1, was $evalEvery" }
        require(exactCountBudget >= 1) { "--exact-count-budget must be at least 1, was $exactCountBudget" }
    }

    /** The points the report's table reads: a quarter, half and all of the budget (500/1000/2000 by default). */
    val reportedBackprops: List<Long> get() = quarterHalfAll(backprops)

    /** The same points of [exactCountBudget], in gradients + Hv products. */
    val reportedExactCounts: List<Long> get() = quarterHalfAll(exactCountBudget)

    private fun quarterHalfAll(n: Long) = listOf(n / 4, n / 2, n).filter { it > 0 }.distinct()
}
