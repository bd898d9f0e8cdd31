package org.arturo.samples.report

import org.arturo.samples.training.RunHistory
import org.knowm.xchart.BitmapEncoder
import org.knowm.xchart.XYChart
import org.knowm.xchart.XYChartBuilder
import org.knowm.xchart.style.Styler
import org.knowm.xchart.style.markers.SeriesMarkers
import java.awt.Color
import java.awt.image.BufferedImage
import java.nio.file.Files
import java.nio.file.Path
import javax.imageio.ImageIO

/** Training curves as PNG files, drawn with XChart: one panel per quantity, panels tiled into one image. */
object Plots {
    private const val PANEL_WIDTH = 560
    private const val PANEL_HEIGHT = 380

    /** Quick start: accuracy, loss and η (when the optimizer reports it) per epoch for one run. */
    fun singleRun(run: RunHistory, file: Path) {
        val epochs = run.epochs.map { it.epoch.toDouble() }
        val panels = mutableListOf<XYChart>()
        panels += chart("Accuracy", "accuracy", logY = false).apply {
            addSeries("train", epochs, run.epochs.map { it.trainAccuracy })
            addSeries("test", epochs, run.epochs.map { it.testAccuracy })
        }
        panels += chart("Loss", "cross-entropy", logY = false).apply {
            addSeries("train", epochs, run.epochs.map { it.trainLoss })
            addSeries("test", epochs, run.epochs.map { it.testLoss })
        }
        val trained = run.epochs.drop(1)
        trained.takeIf { it.isNotEmpty() && it.all { e -> (e.meanScalars["eta"] ?: 0.0) > 0 } }?.let { t ->
            panels += chart("η (mean per epoch)", "η", logY = true).apply {
                addSeries("η", t.map { it.epoch.toDouble() }, t.map { it.meanScalars.getValue("eta") })
                styler.isLegendVisible = false
            }
        }
        write(panels, columns = panels.size, file = file)
    }

    /** Compare: train/test loss and accuracy per epoch, one line per optimizer. */
    fun comparison(runs: List<RunHistory>, file: Path) {
        val panels = listOf(
            chart("Test accuracy", "accuracy", logY = false),
            chart("Train accuracy (eval mode)", "accuracy", logY = false),
            chart("Test loss", "cross-entropy", logY = false),
            chart("Train loss (eval mode)", "cross-entropy", logY = false),
        )
        for (run in runs) {
            val trained = run.epochs.filter { it.epoch > 0 }
            val x = trained.map { it.epoch.toDouble() }
            panels[0].addSeries(run.optimizer, x, trained.map { it.testAccuracy })
            panels[1].addSeries(run.optimizer, x, trained.map { it.trainAccuracy })
            panels[2].addSeries(run.optimizer, x, trained.map { it.testLoss })
            panels[3].addSeries(run.optimizer, x, trained.map { it.trainLoss })
        }
        write(panels, columns = 2, file = file)
    }

    /** One line of a [Panel]. */
    class Curve(val name: String, val x: List<Double>, val y: List<Double>)

    /** A panel of any quantity against any x; [xPattern] formats the x ticks; [yMax] cuts the y axis (null: the data's). */
    class Panel(val title: String, val xTitle: String, val yTitle: String, val logY: Boolean, val curves: List<Curve>,
                val xPattern: String = "0", val yMax: Double? = null)

    /** Any panels, tiled [columns] wide into one PNG. */
    fun panels(panels: List<Panel>, columns: Int, file: Path) {
        write(panels.map { p ->
            chart(p.title, p.yTitle, p.logY, legendFor(p.yTitle), p.xTitle, p.xPattern).apply {
                p.curves.forEach { addSeries(it.name, it.x, it.y) }
                p.yMax?.let { styler.yAxisMax = it }
            }
        }, columns, file)
    }

    private fun chart(title: String, yTitle: String, logY: Boolean): XYChart = chart(title, yTitle, logY, legendFor(yTitle))

    private fun legendFor(yTitle: String): Styler.LegendPosition {
        // Rising curves (accuracy) end top right, falling ones (loss) bottom right: keep the legend off them.
        return if (yTitle == "accuracy") Styler.LegendPosition.InsideSE else Styler.LegendPosition.InsideNE
    }

    private fun chart(title: String, yTitle: String, logY: Boolean, legend: Styler.LegendPosition, xTitle: String = "epoch",
                      xPattern: String = "0"): XYChart =
        XYChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build().apply {
            styler.isYAxisLogarithmic = logY
            styler.legendPosition = legend
            styler.chartBackgroundColor = Color.WHITE
            styler.plotBackgroundColor = Color.WHITE
            styler.isPlotGridLinesVisible = true
            styler.xAxisDecimalPattern = xPattern
            styler.markerSize = 5
            styler.defaultSeriesRenderStyle = org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Line
            styler.seriesMarkers = arrayOf(SeriesMarkers.CIRCLE, SeriesMarkers.DIAMOND, SeriesMarkers.SQUARE,
                SeriesMarkers.TRIANGLE_UP, SeriesMarkers.CROSS, SeriesMarkers.TRIANGLE_DOWN)
        }

    private fun write(panels: List<XYChart>, columns: Int, file: Path) {
        val rows = (panels.size + columns - 1) / columns
        val image = BufferedImage(columns * PANEL_WIDTH, rows * PANEL_HEIGHT, BufferedImage.TYPE_INT_RGB)
        val g = image.createGraphics()
        g.color = Color.WHITE
        g.fillRect(0, 0, image.width, image.height)
        panels.forEachIndexed { i, chart ->
            g.drawImage(BitmapEncoder.getBufferedImage(chart), (i % columns) * PANEL_WIDTH, (i / columns) * PANEL_HEIGHT, null)
        }
        g.dispose()
        Files.createDirectories(file.toAbsolutePath().parent)
        ImageIO.write(image, "png", file.toFile())
    }
}
