package org.arturo.samples.cabs

import java.nio.file.Files
import java.nio.file.Path
import org.arturo.samples.data.FashionMnist

/**
 * Sample 7: CABS against SGD at constant batch sizes on Fashion-MNIST (Balles' thesis, ch. 4, Fig.
 * 4.2–4.3), every run for the same budget of training examples, at every learning rate. Writes
 * cabs.csv, cabs.md and cabs.png into [out] and returns the evaluations.
 */
fun cabsSample(dataset: FashionMnist, settings: CabsSettings, out: Path): List<CabsPoint> {
    val methods = settings.alphas.flatMap { alpha -> (listOf<Int?>(null) + settings.batchSizes).map { CabsMethod(it, alpha) } }
    val points = mutableListOf<CabsPoint>()
    for ((i, method) in methods.withIndex()) {
        val run = trainCabsRun(method, dataset, settings)
        val last = run.last()
        println(String.format(java.util.Locale.ROOT, "[%d/%d] %s α=%s: test accuracy %.4f, train loss %.4f, batch %d, %.1f s",
            i + 1, methods.size, method.label, method.alpha, last.testAccuracy, last.trainLoss, last.batchSize, last.seconds))
        points += run
    }
    Files.createDirectories(out)
    Files.writeString(out.resolve("cabs.csv"), CabsReport.csv(points))
    Files.writeString(out.resolve("cabs.md"), CabsReport.markdown(points, settings, dataset.toString()))
    CabsPlots.write(points, settings, out.resolve("cabs.png"))
    println("wrote ${out.resolve("cabs.csv")}, cabs.md and cabs.png")
    return points
}
