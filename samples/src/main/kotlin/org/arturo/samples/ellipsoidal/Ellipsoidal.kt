package org.arturo.samples.ellipsoidal

import org.arturo.samples.data.FashionMnist
import java.io.PrintStream
import java.nio.file.Files
import java.nio.file.Path
import java.util.Locale

// %% [markdown]
// # Sample 6: the stochastic ellipsoidal trust region on the paper's Fashion-MNIST comparison
//
// "Ellipsoidal trust region methods for neural network training" trains a 784-128-10 tanh MLP on
// Fashion-MNIST with the trust region in three norms: the sphere (TR_uni) and the ellipsoids of
// RMSProp's and Adagrad's second moments (TR_rms, TR_ada). It compares them with SGD and Adam at an
// equal number of backpropagations. Its claims: the ellipsoids beat the sphere, and the trust region is
// slightly ahead of the first-order methods per backpropagation but at best keeps pace per epoch and is
// clearly slower in wall-clock time. This sample reruns that comparison on the library's
// `EllipsoidalTrustRegion`, with Table 1's defaults and curvature products by finite differences.
//
// Run it with
// `java -jar samples/target/arturo-samples.jar ellipsoidal [--seeds 3] [--backprops 2000] [--methods tr-rms,tr-ada,tr-uni,sgd,adam]`.
// Outputs: `ellipsoidal.csv` (one row per method × seed × evaluation), `ellipsoidal.md` (the summary)
// and `ellipsoidal.png` (the curves).

/** What the comparison produced. */
class EllipsoidalResult(val checkpoints: List<Checkpoint>, val csv: Path, val markdown: Path, val plot: Path)

fun ellipsoidal(data: FashionMnist, settings: EllipsoidalSettings, out: Path, log: PrintStream = System.out): EllipsoidalResult {
    log.println("Data: $data")
    // %% [markdown]
    // ## The data and the runs
    // Only the training set is used: the paper's measure is the loss on all of it. Per seed, every method
    // starts from the same weights and draws its batches from the same seeded order (`SeededOrder`), so
    // the runs of one seed differ only in the method. The seeds are the outer loop, so that a change in
    // the machine's load during the run spreads over all methods instead of falling on one.
    val train = FlatSplit(data.train)
    val csv = out.resolve("ellipsoidal.csv")
    val markdown = out.resolve("ellipsoidal.md")
    val plot = out.resolve("ellipsoidal.png")
    val description = "${train.size} training images (${data.origin})"
    val checkpoints = mutableListOf<Checkpoint>()
    for (seed in 0L until settings.seeds) {
        for (method in settings.methods) {
            val run = trainToBudget(method, seed, train, settings)
            checkpoints += run
            log.println(line(run))
            // Rewritten after every run, so an interrupted comparison keeps what it finished.
            EllipsoidalCsv.write(checkpoints, csv)
            Files.writeString(markdown, EllipsoidalReport.render(checkpoints, settings, description))
            EllipsoidalPlots.write(checkpoints, plot)
        }
    }

    // %% [markdown]
    // ## Results
    log.println()
    log.println(EllipsoidalReport.render(checkpoints, settings, description))
    log.println("Wrote $csv, $markdown and $plot")
    return EllipsoidalResult(checkpoints, csv, markdown, plot)
}

/** One run in one line, as it finishes. */
private fun line(run: List<Checkpoint>): String {
    val end = run.last()
    val tr = end.trustRegion?.let { String.format(Locale.ROOT, ", %d iterations (%d accepted), %d Hv, radius %.3g", it.iterations,
        it.accepted, it.hvProducts, it.radius) }.orEmpty()
    return String.format(Locale.ROOT, "%-14s seed %d: train loss %.4f → %.4f, accuracy %.2f%% after %d backprops, %.2f epochs, %.1f s%s",
        end.method.label, end.seed, run.first().trainLoss, end.trainLoss, 100 * end.trainAccuracy, end.backprops, end.epochs,
        end.seconds, tr)
}
