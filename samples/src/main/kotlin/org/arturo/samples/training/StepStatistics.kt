package org.arturo.samples.training

/** Per-epoch accumulation of step times and minibatch losses (optimizer scalars come from the telemetry). */
class StepStatistics {
    private val stepNanos = mutableListOf<Long>()
    private var lossSum = 0.0

    val steps: Int get() = stepNanos.size

    fun add(nanos: Long, loss: Double) {
        stepNanos += nanos
        lossSum += loss
    }

    val meanLoss: Double get() = if (steps == 0) Double.NaN else lossSum / steps
    val totalSeconds: Double get() = stepNanos.sum() / 1e9
    val medianStepMillis: Double get() = if (steps == 0) Double.NaN else stepNanos.sorted()[steps / 2] / 1e6
}
