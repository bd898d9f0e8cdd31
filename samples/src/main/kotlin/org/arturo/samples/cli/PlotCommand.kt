package org.arturo.samples.cli

import org.arturo.samples.report.CsvReport
import org.arturo.samples.report.MarkdownReport
import org.arturo.samples.report.Plots
import picocli.CommandLine.Command
import picocli.CommandLine.Option
import picocli.CommandLine.Parameters
import java.nio.file.Path
import java.util.concurrent.Callable

@Command(name = "plot", mixinStandardHelpOptions = true,
    description = ["Redraws the PNG (and prints the Markdown table) from a CSV written by quickstart, compare or ablations."])
class PlotCommand : Callable<Int> {
    @Parameters(index = "0", paramLabel = "CSV", description = ["The CSV file."])
    lateinit var csv: Path

    @Option(names = ["--out"], paramLabel = "PNG", description = ["The PNG to write (default: the CSV's name with .png)."])
    var png: Path? = null

    override fun call(): Int {
        val runs = CsvReport.read(csv)
        val target = png ?: csv.resolveSibling(csv.fileName.toString().removeSuffix(".csv") + ".png")
        if (runs.size == 1) Plots.singleRun(runs[0], target) else Plots.comparison(runs, target)
        println(MarkdownReport.table(runs))
        println("Wrote $target")
        return 0
    }
}
