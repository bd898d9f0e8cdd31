package org.arturo.telemetry

import org.arturo.tf.Diagnostic

/** Sums step readings of one epoch into an [EpochStats]. */
internal class EpochAccumulator(private val skippedAtStart: Long) {
    private val sums = LinkedHashMap<String, Double>()
    private val maxima = LinkedHashMap<String, Double>()
    private var readings = 0

    fun add(values: Map<String, Double>) {
        for ((name, value) in values) {
            sums[name] = (sums[name] ?: 0.0) + value
            maxima[name] = maxOf(maxima[name] ?: Double.NEGATIVE_INFINITY, value)
        }
        readings++
    }

    fun isEmpty(): Boolean = readings == 0

    fun finish(epoch: Int, loss: Double, last: Map<String, Double>): EpochStats {
        return EpochStats(
            epoch = epoch,
            loss = loss,
            readings = readings,
            mean = sums.mapValues { it.value / readings },
            max = maxima.toMap(),
            last = last,
            skippedStepsInEpoch = last.countOf(Diagnostic.SKIPPED_STEPS) - skippedAtStart,
        )
    }
}
