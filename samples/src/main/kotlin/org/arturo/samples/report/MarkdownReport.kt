package org.arturo.samples.report

import org.arturo.samples.training.RunHistory
import java.util.Locale

/** The comparison as a Markdown table: one row per optimizer, final and best epoch. */
object MarkdownReport {
    fun table(runs: List<RunHistory>): String = buildString {
        appendLine("| optimizer | test acc. (final) | test acc. (best) | train acc. | gap train−test | train loss | test loss | s/epoch | median ms/step |")
        appendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
        for (run in runs) {
            val f = run.final
            val trained = run.epochs.drop(1)
            val seconds = trained.map { it.trainSeconds }.average()
            val stepMs = trained.map { it.medianStepMillis }.filter { !it.isNaN() }.sorted().let { if (it.isEmpty()) Double.NaN else it[it.size / 2] }
            appendLine("| ${run.optimizer} | ${pct(f.testAccuracy)} | ${pct(run.bestTestAccuracy)} | ${pct(f.trainAccuracy)} | " +
                "${pp(f.trainAccuracy - f.testAccuracy)} | ${n(f.trainLoss, 4)} | ${n(f.testLoss, 4)} | ${n(seconds, 1)} | ${n(stepMs, 1)} |")
        }
    }

    internal fun pct(v: Double) = if (v.isNaN()) "–" else String.format(Locale.ROOT, "%.2f%%", 100 * v)
    private fun pp(v: Double) = if (v.isNaN()) "–" else String.format(Locale.ROOT, "%+.2f pp", 100 * v)
    internal fun n(v: Double, digits: Int) = if (v.isNaN()) "–" else String.format(Locale.ROOT, "%.${digits}f", v)
}
