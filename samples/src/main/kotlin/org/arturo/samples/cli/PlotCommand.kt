package org.arturo.samples.cli

import org.arturo.samples.report.CsvReport
import org.arturo.samples.report.MarkdownReport
import org.arturo.samples.report.Plots
import picocli.CommandLine.Command
import picocli.CommandLine.Option
import picocli.CommandLine.Parameters
import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.Callable

@Command(name = "plot", mixinStandardHelpOptions = true, versionProvider = SamplesVersion::class,
    description = ["Redraws the plot of a CSV that a sample wrote.",
        "Reads a CSV written by quickstart, compare or ablations, writes its PNG and prints its Markdown table."])
class PlotCommand : Callable<Int> {
    @Parameters(index = "0", paramLabel = "CSV", description = ["The CSV file."])
    lateinit var csv: Path

    @Option(names = ["--out"], paramLabel = "PNG", description = ["The PNG to write (default: the CSV's name with .png)."])
    var png: Path? = null

    override fun call(): Int {
        requireOption(Files.exists(csv)) { "$csv: no such file (plot reads a CSV written by quickstart, compare or ablations)" }
        requireOption(Files.isRegularFile(csv)) { "$csv: not a file" }
        requireOption(Files.isReadable(csv)) { "$csv: permission denied" }
        png?.toAbsolutePath()?.parent?.let { requireWritableDirectory("--out", it) }
        val runs = try {
            CsvReport.read(csv)
        } catch (e: NumberFormatException) {
            throw InvalidOptionException("$csv: not a samples CSV (a number cell holds ${e.message?.substringAfter(": ")})")
        }
        requireOption(runs.isNotEmpty()) { "$csv: holds no rows to plot" }
        val target = png ?: csv.resolveSibling(csv.fileName.toString().removeSuffix(".csv") + ".png")
        if (runs.size == 1) Plots.singleRun(runs[0], target) else Plots.comparison(runs, target)
        println(MarkdownReport.table(runs))
        println("Wrote $target")
        return 0
    }
}
