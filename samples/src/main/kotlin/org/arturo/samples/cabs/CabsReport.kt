package org.arturo.samples.cabs

import java.util.Locale

/**
 * The cabs sample's CSV and Markdown: every evaluation of every run; then, at the first learning rate,
 * each method's curve summary, and over all learning rates, the final test accuracy and training loss
 * with their spread across α (the thesis's Fig. 4.3: CABS's curves should cluster more tightly).
 */
object CabsReport {
    fun csv(points: List<CabsPoint>): String = buildString {
        appendLine("method,alpha,examples,steps,batch_size,rule_batch_size,train_loss,test_accuracy,seconds")
        for (p in points) {
            appendLine(listOf(p.method.label, p.method.alpha, p.examples, p.steps, p.batchSize, f(p.ruleBatchSize, 2), f(p.trainLoss, 5),
                f(p.testAccuracy, 4), f(p.seconds, 2)).joinToString(","))
        }
    }

    fun markdown(points: List<CabsPoint>, settings: CabsSettings, dataDescription: String): String = buildString {
        val finals = points.groupBy { it.method }.mapValues { it.value.last() }
        val methods = finals.keys.map { it.label }.distinct()
        appendLine("$dataDescription; the thesis's CNN at a quarter of its width (8/16 filters, 64 units); " +
            "${settings.examples} training examples per run, seed ${settings.seed}; training loss on the first " +
            "${settings.trainEvalSize} training images, accuracy on the test set; CABS: m_min ${CabsSettings.MIN_BATCH_SIZE}, " +
            "m_max ${CabsSettings.MAX_BATCH_SIZE}, μ 0.95, ${settings.microBatches} micro-batches; seconds without the evaluations.")
        appendLine()
        val reference = settings.alphas.first()
        appendLine("At α = $reference:")
        appendLine()
        appendLine("| method | test accuracy | train loss | final batch size | rule's size α·σ̂²/f (last interval) | steps | seconds |")
        appendLine("|---|---:|---:|---:|---:|---:|---:|")
        for ((m, p) in finals.filterKeys { it.alpha == reference }) {
            appendLine("| ${m.label} | ${pct(p.testAccuracy)} | ${f(p.trainLoss, 4)} | ${p.batchSize} | ${f(p.ruleBatchSize, 1)} | ${p.steps} | ${f(p.seconds, 1)} |")
        }
        for ((title, value, format) in listOf(
            Triple("Final test accuracy", CabsPoint::testAccuracy, ::pct),
            Triple("Final train loss", CabsPoint::trainLoss) { v: Double -> f(v, 4) },
            Triple("The rule's size α·σ̂²/f over the last interval", CabsPoint::ruleBatchSize) { v: Double -> f(v, 1) },
        )) {
            appendLine()
            appendLine("$title by learning rate (spread: largest minus smallest over α):")
            appendLine()
            appendLine("| method | " + settings.alphas.joinToString(" | ") { "α = $it" } + " | spread |")
            appendLine("|---|" + settings.alphas.joinToString("") { "---:|" } + "---:|")
            for (label in methods) {
                val values = settings.alphas.map { a -> finals.entries.firstOrNull { it.key.label == label && it.key.alpha == a }?.value?.let(value) }
                val known = values.filterNotNull()
                val spread = if (known.size > 1) known.max() - known.min() else Double.NaN
                appendLine("| $label | " + values.joinToString(" | ") { it?.let(format) ?: "–" } + " | ${format(spread)} |")
            }
        }
    }

    private fun f(v: Double, digits: Int) = if (v.isNaN()) "–" else String.format(Locale.ROOT, "%.${digits}f", v)

    private fun pct(v: Double) = if (v.isNaN()) "–" else String.format(Locale.ROOT, "%.2f%%", 100 * v)
}
