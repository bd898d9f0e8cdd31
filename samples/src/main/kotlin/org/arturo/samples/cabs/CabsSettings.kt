package org.arturo.samples.cabs

/**
 * What the cabs sample runs: CABS and SGD at each constant batch size, at every learning rate, each
 * for the same budget of training examples, evaluated every [evalEvery] examples.
 */
data class CabsSettings(
    val alphas: List<Double>,
    val batchSizes: List<Int>,
    val examples: Long,
    val evalEvery: Long,
    val microBatches: Int,
    val seed: Long,
    /** Training examples the training loss is measured on (the first ones). */
    val trainEvalSize: Int,
) {
    companion object {
        /** The thesis's Fig. 4.3 learning rates. */
        val ALPHAS = listOf(0.1, 0.06, 0.03, 0.01, 0.006)
        /** The thesis's constant batch sizes. */
        val BATCH_SIZES = listOf(32, 128, 512)
        const val MIN_BATCH_SIZE = 16
        const val MAX_BATCH_SIZE = 2048
    }
}

/** One run: CABS ([batchSize] null) or SGD at a constant batch size, at learning rate [alpha]. */
data class CabsMethod(val batchSize: Int?, val alpha: Double) {
    val label: String get() = batchSize?.let { "SGD m=$it" } ?: "CABS"
}

/** One evaluation of a run. */
data class CabsPoint(
    val method: CabsMethod,
    val examples: Long,
    val steps: Long,
    /** The batch size of the last step (CABS's changes, the others' is fixed). */
    val batchSize: Int,
    /**
     * The rule's unclipped size α·σ̂²/f_avg (C2), averaged over the steps since the previous evaluation (NaN
     * before the first step). Computed for the constant runs too: the size CABS would pick from their state.
     */
    val ruleBatchSize: Double,
    val trainLoss: Double,
    val testAccuracy: Double,
    /** Training seconds so far, without the evaluations. */
    val seconds: Double,
)
