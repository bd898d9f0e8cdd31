package org.arturo.samples.ellipsoidal

import org.arturo.samples.model.TanhMlp
import org.arturo.samples.report.MarkdownReport
import java.util.Locale

/**
 * The comparison in Markdown: loss at a quarter, half and all of the budget (mean ± sample std over
 * seeds), the trust region's work, the paired per-seed comparison of each ellipsoid with the sphere, and
 * what each method spends in backpropagations, seconds and epochs to reach a loss that every run reaches.
 */
object EllipsoidalReport {
    fun render(checkpoints: List<Checkpoint>, settings: EllipsoidalSettings, dataDescription: String): String = buildString {
        val runs = runsOf(checkpoints)
        appendLine("Fashion-MNIST, $dataDescription; 784-128-10 tanh MLP (${String.format(Locale.ROOT, "%,d", TanhMlp.PARAMETER_COUNT)} parameters, " +
            "weights and biases uniform in ±1/√fan_in); ${settings.backprops} backpropagations per run; seeds " +
            "${seedRange(runs)}, each giving every method the same initial weights and data order. Trust region: batch " +
            "${settings.trustRegionBatch}, Table 1 defaults, Hv by central differences (2 backpropagations each). SGD and Adam: batch " +
            "${settings.firstOrderBatch}, one backpropagation per step. Loss and accuracy on the whole training set; " +
            "\"@ N\" is the first evaluation at or after N backpropagations; seconds are training time without the evaluations.")
        appendLine()
        append(mainTable(runs, settings))
        appendLine()
        append(exactProductCountTable(runs, settings))
        append(pairedTable(runs))
        append(costToReachTable(runs))
    }

    /** Each method's runs, one checkpoint list per seed, in the order the methods ran. */
    fun runsOf(checkpoints: List<Checkpoint>): Map<EllipsoidalMethod, List<List<Checkpoint>>> =
        checkpoints.groupBy { it.method }.mapValues { (_, cs) -> cs.groupBy { it.seed }.values.map { it.sortedBy(Checkpoint::backprops) } }

    private fun mainTable(runs: Map<EllipsoidalMethod, List<List<Checkpoint>>>, settings: EllipsoidalSettings): String = buildString {
        val points = settings.reportedBackprops
        appendLine("| method | " + points.joinToString(" | ") { "train loss @ $it" } +
            " | train acc. (end) | backprops (end) | iterations | Hv/iteration | accepted | samples seen | epochs | train s |")
        appendLine("|---|" + points.joinToString("") { "---:|" } + "---:|---:|---:|---:|---:|---:|---:|---:|")
        for ((method, seeds) in runs) {
            val ends = seeds.map { it.last() }
            val cells = points.map { p -> summary(seeds.mapNotNull { run -> run.firstOrNull { it.backprops >= p }?.trainLoss }).format(3) }
            val accuracy = SeedSummary.of(ends.map { it.trainAccuracy })
            val tr = ends.mapNotNull { it.trustRegion }
            fun trCell(value: (TrustRegionState) -> Double, digits: Int) = if (tr.isEmpty()) "–" else summary(tr.map(value)).format(digits)
            append("| ${method.label} | ").append(cells.joinToString(" | "))
            append(" | ${pct(accuracy.mean)} | ${summary(ends.map { it.backprops.toDouble() }).format(0)}")
            append(" | ${trCell({ it.iterations.toDouble() }, 0)} | ${trCell({ it.hvProducts.toDouble() / it.iterations }, 2)}")
            append(" | ${if (tr.isEmpty()) "–" else pct(tr.map { it.accepted.toDouble() / it.iterations }.average())}")
            append(" | ${thousands(ends.map { it.samples.toDouble() }.average())} | ${summary(ends.map { it.epochs }).format(2)}")
            appendLine(" | ${summary(ends.map { it.seconds }).format(1)} |")
        }
    }

    /**
     * The trust region counted as with exact Hv products (an R-operator product costs about one
     * backpropagation, so gradients + products): the same runs read at the points where that count reaches
     * a quarter, half and all of [EllipsoidalSettings.exactCountBudget], for comparison with results counted
     * that way.
     */
    private fun exactProductCountTable(runs: Map<EllipsoidalMethod, List<List<Checkpoint>>>, settings: EllipsoidalSettings): String = buildString {
        val trustRegion = runs.filterKeys { it.isTrustRegion }
        if (trustRegion.isEmpty()) return@buildString
        val points = settings.reportedExactCounts
        appendLine("The trust region counted with one backpropagation per Hv product (as an exact R-operator product costs): " +
            "train loss at the first evaluation where gradients + Hv products reach N (\"not reached\" within this budget " +
            "when a seed does not get there).")
        appendLine()
        appendLine("| method | " + points.joinToString(" | ") { "train loss @ $it gradients + Hv" } + " |")
        appendLine("|---|" + points.joinToString("") { "---:|" })
        for ((method, seeds) in trustRegion) {
            val cells = points.map { p ->
                val reached = seeds.mapNotNull { run -> run.firstOrNull { exactCount(it) >= p }?.trainLoss }
                if (reached.size < seeds.size) "not reached" else summary(reached).format(3)
            }
            appendLine("| ${method.label} | ${cells.joinToString(" | ")} |")
        }
        appendLine()
    }

    private fun exactCount(c: Checkpoint): Long = c.trustRegion?.let { it.iterations + it.hvProducts } ?: c.backprops

    /** Each ellipsoid against the sphere on the same seeds: same start, same data order. */
    private fun pairedTable(runs: Map<EllipsoidalMethod, List<List<Checkpoint>>>): String = buildString {
        val sphere = runs[EllipsoidalMethod.TR_UNI] ?: return@buildString
        val sphereBySeed = sphere.associate { it.last().seed to it.last() }
        for (method in listOf(EllipsoidalMethod.TR_RMS, EllipsoidalMethod.TR_ADA)) {
            val pairs = runs[method].orEmpty().mapNotNull { run -> sphereBySeed[run.last().seed]?.let { run.last() to it } }
            if (pairs.isEmpty()) continue
            appendLine("Paired per seed, final train loss, ${method.label} against TR_uni:")
            appendLine()
            appendLine("| seed | ${method.label} | TR_uni | difference |")
            appendLine("|---:|---:|---:|---:|")
            for ((a, b) in pairs) appendLine("| ${a.seed} | ${f(a.trainLoss, 4)} | ${f(b.trainLoss, 4)} | ${f(a.trainLoss - b.trainLoss, 4, signed = true)} |")
            val wins = pairs.count { (a, b) -> a.trainLoss < b.trainLoss }
            appendLine()
            appendLine("${method.label} ends below TR_uni in $wins of ${pairs.size} seeds.")
            appendLine()
        }
    }

    /**
     * What each method spends to reach the highest final loss of any run (so every run reaches it): the
     * first evaluation at or below it, per seed. Per backpropagation the trust region may be ahead; this
     * shows what that costs in seconds and in data.
     */
    private fun costToReachTable(runs: Map<EllipsoidalMethod, List<List<Checkpoint>>>): String = buildString {
        val target = runs.values.flatten().maxOf { it.last().trainLoss }
        appendLine("Cost to reach train loss ${f(target, 3)} (the highest final loss of any run), at the first evaluation at or below it:")
        appendLine()
        appendLine("| method | backprops | train s | epochs |")
        appendLine("|---|---:|---:|---:|")
        for ((method, seeds) in runs) {
            val reached = seeds.map { run -> run.first { it.trainLoss <= target } }
            appendLine("| ${method.label} | ${summary(reached.map { it.backprops.toDouble() }).format(0)} | " +
                "${summary(reached.map { it.seconds }).format(1)} | ${summary(reached.map { it.epochs }).format(2)} |")
        }
    }

    private fun seedRange(runs: Map<EllipsoidalMethod, List<List<Checkpoint>>>): String {
        val seeds = runs.values.flatten().map { it.first().seed }.distinct().sorted()
        return if (seeds.size > 1 && seeds.last() - seeds.first() == seeds.size - 1L) "${seeds.first()}–${seeds.last()}" else seeds.joinToString(", ")
    }

    private fun summary(values: List<Double>) = SeedSummary.of(values)
    private fun pct(v: Double) = MarkdownReport.pct(v)
    private fun thousands(v: Double) = if (v >= 10_000) String.format(Locale.ROOT, "%.0fk", v / 1000) else String.format(Locale.ROOT, "%.0f", v)
    private fun f(v: Double, digits: Int, signed: Boolean = false) =
        if (v.isNaN()) "–" else String.format(Locale.ROOT, if (signed) "%+.${digits}f" else "%.${digits}f", v)
}
