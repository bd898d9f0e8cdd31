package org.arturo.samples.ellipsoidal

import java.util.Locale
import kotlin.math.sqrt

/** Mean and sample standard deviation over seeds (NaN for one seed), printed as `0.341 ± 0.014`. */
data class SeedSummary(val mean: Double, val std: Double, val count: Int) {
    fun format(digits: Int): String = when {
        count == 0 -> "–"
        std.isNaN() -> String.format(Locale.ROOT, "%.${digits}f", mean)
        else -> String.format(Locale.ROOT, "%.${digits}f ± %.${digits}f", mean, std)
    }

    companion object {
        fun of(values: List<Double>): SeedSummary {
            if (values.isEmpty()) return SeedSummary(Double.NaN, Double.NaN, 0)
            val mean = values.average()
            val std = if (values.size < 2) Double.NaN else sqrt(values.sumOf { (it - mean) * (it - mean) } / (values.size - 1))
            return SeedSummary(mean, std, values.size)
        }
    }
}
