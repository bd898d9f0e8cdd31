package org.arturo.samples.ellipsoidal

/**
 * One evaluation of a run: the full training-set metrics after [backprops] backpropagations, the
 * training time so far (without the evaluations), the data seen, and the trust region's counters.
 * [target] is the nominal evaluation point (a multiple of `--eval-every`, or the budget) that the run
 * reached or passed; runs of one method are averaged over seeds at equal targets.
 */
data class Checkpoint(
    val method: EllipsoidalMethod,
    val seed: Long,
    val target: Long,
    val backprops: Long,
    val seconds: Double,
    val samples: Long,
    val epochs: Double,
    val trainLoss: Double,
    val trainAccuracy: Double,
    val trustRegion: TrustRegionState?,
)
