package org.arturo.samples.benchmark

/** Order statistics of a sample of timings (nanoseconds). */
data class Stats(val count: Int, val median: Double, val p10: Double, val p90: Double, val min: Double) {
    companion object {
        fun of(values: List<Long>): Stats {
            require(values.isNotEmpty()) { "no values" }
            val sorted = values.sorted()
            fun quantile(q: Double): Double {
                val pos = q * (sorted.size - 1)
                val lo = pos.toInt()
                val hi = minOf(lo + 1, sorted.size - 1)
                return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo)
            }
            return Stats(sorted.size, quantile(0.5), quantile(0.1), quantile(0.9), sorted.first().toDouble())
        }
    }
}
