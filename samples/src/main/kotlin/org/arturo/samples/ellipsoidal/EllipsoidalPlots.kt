package org.arturo.samples.ellipsoidal

import org.arturo.samples.report.Plots
import java.nio.file.Path

/**
 * The full training loss against backpropagations, wall-clock seconds and epochs, and the accuracy
 * against backpropagations: one line per method, the mean over seeds at each evaluation point (x too,
 * since a trust-region run reaches a point at slightly different costs per seed). The loss axes stop at
 * [LOSS_AXIS_MAX], so that the range where the methods separate is not squeezed by the start at ln 10.
 */
object EllipsoidalPlots {
    const val LOSS_AXIS_MAX = 1.0

    fun write(checkpoints: List<Checkpoint>, file: Path) {
        val runs = EllipsoidalReport.runsOf(checkpoints)
        fun curves(x: (Checkpoint) -> Double, y: (Checkpoint) -> Double) = runs.map { (method, seeds) ->
            // Only the evaluation points every seed reached, so that each mean is over the same runs.
            val targets = seeds.map { run -> run.map { it.target }.toSet() }.reduce { a, b -> a intersect b }.sorted()
            val atTarget = targets.map { t -> seeds.map { run -> run.first { it.target == t } } }
            Plots.Curve(method.label, atTarget.map { cs -> cs.map(x).average() }, atTarget.map { cs -> cs.map(y).average() })
        }
        val loss = "cross-entropy"
        Plots.panels(listOf(
            Plots.Panel("Train loss against backpropagations", "backpropagations", loss, logY = false,
                curves({ it.backprops.toDouble() }, Checkpoint::trainLoss), yMax = LOSS_AXIS_MAX),
            Plots.Panel("Train loss against wall-clock time", "training seconds", loss, logY = false,
                curves(Checkpoint::seconds, Checkpoint::trainLoss), yMax = LOSS_AXIS_MAX),
            Plots.Panel("Train loss against epochs", "epochs", loss, logY = false,
                curves(Checkpoint::epochs, Checkpoint::trainLoss), xPattern = "0.0", yMax = LOSS_AXIS_MAX),
            Plots.Panel("Train accuracy against backpropagations", "backpropagations", "accuracy", logY = false,
                curves({ it.backprops.toDouble() }, Checkpoint::trainAccuracy)),
        ), columns = 2, file = file)
    }
}
