package org.arturo.samples.training

import me.tongfei.progressbar.DelegatingProgressBarConsumer
import me.tongfei.progressbar.ProgressBar
import me.tongfei.progressbar.ProgressBarBuilder
import me.tongfei.progressbar.ProgressBarStyle
import java.time.temporal.ChronoUnit

/**
 * A progress bar over one epoch's minibatches, showing the running loss. On a terminal it redraws
 * in place; when output goes to a file it prints a plain line every 30 seconds instead.
 */
class EpochProgress(task: String, steps: Long) : AutoCloseable {
    private val bar: ProgressBar = ProgressBarBuilder()
        .setTaskName(task)
        .setInitialMax(steps)
        .setStyle(ProgressBarStyle.ASCII)
        .showSpeed()
        .setSpeedUnit(ChronoUnit.SECONDS)
        .setUnit(" steps", 1)
        .setMaxRenderedLength(110)
        .apply {
            if (System.console() == null) {
                setConsumer(DelegatingProgressBarConsumer(System.err::println, 100))
                setUpdateIntervalMillis(30_000)
            } else {
                setUpdateIntervalMillis(250)
            }
        }
        .build()

    private var lossSum = 0.0
    private var steps = 0

    fun step(loss: Double) {
        lossSum += loss
        steps++
        bar.extraMessage = String.format(java.util.Locale.ROOT, " loss %.4f", lossSum / steps)
        bar.step()
    }

    override fun close() = bar.close()
}
