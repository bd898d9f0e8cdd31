package org.arturo.samples.training

/** Per-epoch accumulation of step times, losses and optimizer scalars. */
class StepStatistics {
    private val stepNanos = mutableListOf<Long>()
    private var lossSum = 0.0
    private val scalarSums = linkedMapOf<String, Double>()
    private val scalarMax = linkedMapOf<String, Double>()
    private var scalarSteps = 0

    val steps: Int get() = stepNanos.size

    fun add(nanos: Long, loss: Double) {
        stepNanos += nanos
        lossSum += loss
    }

    /** One reading of the optimizer's scalars after a step. */
    fun addScalars(scalars: Map<String, Double>) {
        if (scalars.isEmpty()) return
        scalarSteps++
        scalars.forEach { (k, v) ->
            scalarSums.merge(k, v, Double::plus)
            scalarMax.merge(k, v, ::maxOf)
        }
    }

    val meanLoss: Double get() = if (steps == 0) Double.NaN else lossSum / steps
    val totalSeconds: Double get() = stepNanos.sum() / 1e9
    val medianStepMillis: Double get() = if (steps == 0) Double.NaN else stepNanos.sorted()[steps / 2] / 1e6
    val meanScalars: Map<String, Double> get() = scalarSums.mapValues { it.value / scalarSteps }
    val maxScalars: Map<String, Double> get() = scalarMax.toMap()
}
