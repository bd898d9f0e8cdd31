package org.arturo.samples.quickstart

import org.arturo.arturo
import org.arturo.samples.data.FashionMnist
import org.arturo.samples.report.CsvReport
import org.arturo.samples.report.Plots
import org.arturo.samples.training.CnnTrainer
import org.arturo.samples.training.RunHistory
import org.arturo.samples.training.TrainingPlan
import org.arturo.tf.arturo.ArturoPreset
import java.io.PrintStream
import java.nio.file.Path
import java.util.Locale

// %% [markdown]
// # Sample 1: quick start — the paper's Fashion-MNIST CNN trained with arTuRO
//
// arTuRO fits a per-weight quadratic model of the loss from the minibatch gradients (a Kalman
// filter) and takes the largest step whose KL divergence stays within ε. In KotlinDL it is just
// another optimizer: `model.compile(optimizer = arturo(...), ...)`.
//
// Run it with
// `java -jar samples/target/arturo-samples.jar quickstart [--epochs 5] [--data DIR | --subset]`.
// Without arguments it trains on the full Fashion-MNIST when installed (Debian package
// `dataset-fashion-mnist`) and on a 3000-image subset shipped with the samples otherwise.

/** What the quick start produced. */
class QuickstartResult(val history: RunHistory, val plot: Path, val csv: Path)

fun quickstart(data: FashionMnist, plan: TrainingPlan, out: Path, log: PrintStream = System.out): QuickstartResult {
    log.println("Data: $data")

    // %% [markdown]
    // ## The optimizer
    // `arturo(ArturoPreset.FASHION_MNIST_CNN)` starts from the paper's tuned values for this very
    // model (Table 2). The paper divides ε by 1/0.006 after 50% and 75% of training; `paperSchedule`
    // puts those milestones at the same fractions of this run, which needs the steps per epoch.
    val trainer = CnnTrainer(data, plan, log)
    val optimizer = arturo(ArturoPreset.FASHION_MNIST_CNN) {
        stepsPerEpoch = trainer.stepsPerEpoch.toInt()
        schedule = if (plan.epochs >= 2) paperSchedule(plan.epochs) else constant()
    }

    // %% [markdown]
    // ## Training
    // `CnnTrainer` builds the CNN (Conv 32-64-128, max-pool, dropout, Dense 256, Dense 10), compiles it
    // with the optimizer and calls `fit` once per epoch on a freshly shuffled order. The library's
    // `Telemetry` callback reads η and the solver passes after every step.
    val history = trainer.train("arTuRO", optimizer)

    // %% [markdown]
    // ## Results: test accuracy, and a plot of accuracy, loss and η per epoch
    val plot = out.resolve("quickstart.png")
    val csv = out.resolve("quickstart.csv")
    Plots.singleRun(history, plot)
    CsvReport.write(listOf(history), csv)
    log.println(String.format(Locale.ROOT, "Test accuracy after %d epoch%s: %.2f%% (%s)",
        plan.epochs, if (plan.epochs == 1) "" else "s", 100 * history.final.testAccuracy, data.origin))
    log.println("Wrote $plot and $csv")
    return QuickstartResult(history, plot, csv)
}
