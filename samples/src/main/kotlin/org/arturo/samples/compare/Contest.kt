package org.arturo.samples.compare

import org.arturo.samples.report.CsvReport
import org.arturo.samples.report.Plots
import org.arturo.samples.training.CnnTrainer
import org.arturo.samples.training.RunHistory
import org.jetbrains.kotlinx.dl.api.core.optimizer.Optimizer
import java.nio.file.Files
import java.nio.file.Path

/**
 * Trains each contestant in turn with the same [trainer] (same start, same batches) and rewrites
 * `<stem>.csv`, `<stem>.md` ([summary] of the runs so far) and `<stem>.png` after each run, so an
 * interrupted comparison keeps what it finished.
 */
fun contest(
    trainer: CnnTrainer,
    contestants: List<Pair<String, () -> Optimizer>>,
    out: Path,
    stem: String,
    summary: (List<RunHistory>) -> String,
): CompareResult {
    val csv = out.resolve("$stem.csv")
    val markdown = out.resolve("$stem.md")
    val plot = out.resolve("$stem.png")
    val runs = mutableListOf<RunHistory>()
    for ((name, optimizer) in contestants) {
        runs += trainer.train(name, optimizer())
        CsvReport.write(runs, csv)
        Files.writeString(markdown, summary(runs))
        Plots.comparison(runs, plot)
    }
    return CompareResult(runs, csv, markdown, plot)
}
