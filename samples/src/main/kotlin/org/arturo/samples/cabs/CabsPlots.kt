package org.arturo.samples.cabs

import java.nio.file.Path
import org.arturo.samples.report.Plots

/**
 * Training loss and test accuracy against examples at the first learning rate, the CABS rule's unclipped
 * size α·σ̂²/f against examples at every learning rate (below m_min the bound, not the rule, sets the batch),
 * and the final training loss against α per method.
 */
object CabsPlots {
    fun write(points: List<CabsPoint>, settings: CabsSettings, file: Path) {
        val runs = points.groupBy { it.method }
        val reference = settings.alphas.first()
        fun atReference(y: (CabsPoint) -> Double) = runs.filterKeys { it.alpha == reference }.map { (m, ps) ->
            Plots.Curve(m.label, ps.map { it.examples.toDouble() }, ps.map(y))
        }
        val batchSizes = runs.filterKeys { it.batchSize == null }.map { (m, ps) ->
            Plots.Curve("α = ${m.alpha}", ps.drop(1).map { it.examples.toDouble() }, ps.drop(1).map { it.ruleBatchSize })
        }
        val byAlpha = runs.entries.groupBy({ it.key.label }, { it.key.alpha to it.value.last().trainLoss }).map { (label, xs) ->
            val sorted = xs.sortedBy { it.first }
            Plots.Curve(label, sorted.map { it.first }, sorted.map { it.second })
        }
        Plots.panels(listOf(
            Plots.Panel("Train loss (α = $reference)", "training examples", "cross-entropy", logY = false, atReference(CabsPoint::trainLoss)),
            Plots.Panel("Test accuracy (α = $reference)", "training examples", "accuracy", logY = false,
                atReference(CabsPoint::testAccuracy).map { c -> Plots.Curve(c.name, c.x.drop(1), c.y.drop(1)) }),
            Plots.Panel("CABS rule's size α·σ̂²/f (m_min = ${CabsSettings.MIN_BATCH_SIZE})", "training examples", "batch size", logY = true, batchSizes),
            Plots.Panel("Final train loss against α", "learning rate α", "cross-entropy", logY = false, byAlpha, xPattern = "0.000"),
        ), columns = 2, file = file)
    }
}
