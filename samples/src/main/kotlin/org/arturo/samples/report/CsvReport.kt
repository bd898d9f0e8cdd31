package org.arturo.samples.report

import org.arturo.samples.training.EpochRecord
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

    /** Reads a file written by [write] back into runs (for re-plotting). */
    fun read(file: Path): List<RunHistory> {
        val lines = Files.readAllLines(file).filter { it.isNotBlank() }
        require(lines.isNotEmpty()) { "$file is empty" }
        val header = lines[0].split(",")
        val expected = render(emptyList()).trim().split(",")
        require(header == expected) { "$file is not a samples CSV (header ${lines[0]})" }
        val rows = lines.drop(1).map { line ->
            val cells = splitCsv(line)
            require(cells.size == header.size) { "$file: row has ${cells.size} cells, expected ${header.size}: $line" }
            header.zip(cells).toMap()
        }
        return rows.groupBy { it.getValue("optimizer") }.map { (optimizer, group) ->
            RunHistory(optimizer, group.map { r ->
                fun d(key: String) = r.getValue(key).takeIf { it.isNotEmpty() }?.toDouble() ?: Double.NaN
                EpochRecord(
                    epoch = r.getValue("epoch").toInt(),
                    trainLoss = d("train_loss"), trainAccuracy = d("train_accuracy"),
                    testLoss = d("test_loss"), testAccuracy = d("test_accuracy"),
                    meanBatchLoss = d("mean_batch_loss"), trainSeconds = d("train_seconds").let { if (it.isNaN()) 0.0 else it },
                    medianStepMillis = d("median_step_ms"),
                    meanScalars = SCALARS.associateWith { d("mean_" + snake(it)) }.filterValues { !it.isNaN() },
                    maxScalars = mapOf("solverIterations" to d("max_solver_iterations")).filterValues { !it.isNaN() },
                )
            })
        }
    }

    private fun splitCsv(line: String): List<String> {
        val cells = mutableListOf<String>()
        val cell = StringBuilder()
        var quoted = false
        var i = 0
        while (i < line.length) {
            val c = line[i]
            when {
                quoted && c == '"' && i + 1 < line.length && line[i + 1] == '"' -> { cell.append('"'); i++ }
                c == '"' -> quoted = !quoted
                c == ',' && !quoted -> { cells += cell.toString(); cell.clear() }
                else -> cell.append(c)
            }
            i++
        }
        cells += cell.toString()
        return cells
    }

    private fun snake(name: String) = name.replace(Regex("([A-Z])")) { "_" + it.value.lowercase() }

    /** A cell, quoted when it holds a comma or a quote. */
    internal fun quote(s: String) = if (s.any { it == ',' || it == '"' }) "\"" + s.replace("\"", "\"\"") + "\"" else s

    /** A number with six significant digits; empty for a missing value. */
    internal fun num(v: Double?): String = when {
        v == null || v.isNaN() -> ""
        else -> String.format(Locale.ROOT, "%.6g", v)
    }
}
