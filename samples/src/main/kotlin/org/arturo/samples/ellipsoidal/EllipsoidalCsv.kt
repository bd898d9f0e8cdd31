package org.arturo.samples.ellipsoidal

import org.arturo.samples.report.CsvReport
import java.nio.file.Files
import java.nio.file.Path

/** One row per method × seed × evaluation: the raw numbers behind the report and the plots. */
object EllipsoidalCsv {
    const val HEADER = "method,seed,target_backprops,backprops,train_seconds,samples,epochs,train_loss,train_accuracy," +
        "iterations,accepted,hv_products,radius"

    fun write(checkpoints: List<Checkpoint>, file: Path) {
        Files.createDirectories(file.toAbsolutePath().parent)
        Files.writeString(file, render(checkpoints))
    }

    fun render(checkpoints: List<Checkpoint>): String = buildString {
        append(HEADER).append('\n')
        for (c in checkpoints) {
            val tr = c.trustRegion
            append(listOf(CsvReport.quote(c.method.label), c.seed.toString(), c.target.toString(), c.backprops.toString(),
                CsvReport.num(c.seconds), c.samples.toString(), CsvReport.num(c.epochs), CsvReport.num(c.trainLoss),
                CsvReport.num(c.trainAccuracy), tr?.iterations?.toString().orEmpty(), tr?.accepted?.toString().orEmpty(),
                tr?.hvProducts?.toString().orEmpty(), CsvReport.num(tr?.radius)).joinToString(",")).append('\n')
        }
    }
}
