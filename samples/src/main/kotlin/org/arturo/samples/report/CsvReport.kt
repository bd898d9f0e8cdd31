package org.arturo.samples.report

import org.arturo.samples.training.RunHistory
import java.nio.file.Files
import java.nio.file.Path
import java.util.Locale

/** One row per optimizer × epoch, the raw numbers behind every table and plot. */
object CsvReport {
    val SCALARS = listOf("eta", "solverIterations", "klRatio", "epsilon", "learningRate")

    fun write(runs: List<RunHistory>, file: Path) {
        Files.createDirectories(file.toAbsolutePath().parent)
        Files.writeString(file, render(runs))
    }

    fun render(runs: List<RunHistory>): String = buildString {
        append("optimizer,epoch,train_loss,train_accuracy,test_loss,test_accuracy,mean_batch_loss,train_seconds,median_step_ms")
        SCALARS.forEach { append(",mean_").append(snake(it)) }
        append(",max_solver_iterations\n")
        for (run in runs) for (e in run.epochs) {
            val cells = mutableListOf(quote(run.optimizer), e.epoch.toString(), num(e.trainLoss), num(e.trainAccuracy),
                num(e.testLoss), num(e.testAccuracy), num(e.meanBatchLoss), num(e.trainSeconds), num(e.medianStepMillis))
            SCALARS.forEach { cells += num(e.meanScalars[it]) }
            cells += num(e.maxScalars["solverIterations"])
            append(cells.joinToString(",")).append('\n')
        }
    }

    private fun snake(name: String) = name.replace(Regex("([A-Z])")) { "_" + it.value.lowercase() }

    private fun quote(s: String) = if (s.any { it == ',' || it == '"' }) "\"" + s.replace("\"", "\"\"") + "\"" else s

    private fun num(v: Double?): String = when {
        v == null || v.isNaN() -> ""
        else -> String.format(Locale.ROOT, "%.6g", v)
    }
}
