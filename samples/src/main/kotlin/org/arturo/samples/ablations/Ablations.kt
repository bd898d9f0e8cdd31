package org.arturo.samples.ablations

import org.arturo.kotlindl.KotlinDlOptimizer
import org.arturo.samples.compare.PaperOptimizers
import org.arturo.samples.data.FashionMnist
import org.arturo.samples.report.CsvReport
import org.arturo.samples.report.MarkdownReport
import org.arturo.samples.report.Plots
import org.arturo.samples.training.CnnTrainer
import org.arturo.samples.training.RunHistory
import org.arturo.samples.training.TrainingPlan
import org.arturo.tf.arturo.ArturoOptimizer
import org.arturo.tf.arturo.Solver
import org.arturo.tf.arturo.Surrogate
import java.io.PrintStream
import java.nio.file.Files
import java.nio.file.Path
import java.util.Locale

// %% [markdown]
// # Sample 4: ablations (the paper's Fig. 3)
//
// Which of arTuRO's two ingredients matters? Two variants each replace one of them:
// - **fixed η**: no dual solve; the Lagrange multiplier is a constant, so the KL bound ε (and its
//   schedule) no longer limits the step. By default the constant is the mean η that full arTuRO
//   chose during its first epoch in this same run: arTuRO's own typical multiplier, held fixed.
// - **Adam moments**: no Kalman filter; the gradient model comes from Adam's bias-corrected first
//   and second moments, and the trust region is solved on that model.
//
// Run it with `java -jar samples/target/arturo-samples.jar ablations [--epochs 10] [--fixed-eta X]`.
// Outputs `ablations.csv`, `ablations.md` and `ablations.png`.

/** What the ablation study produced; [fixedEta] is the multiplier the fixed-η variant used. */
class AblationsResult(val runs: List<RunHistory>, val fixedEta: Double, val csv: Path, val markdown: Path, val plot: Path)

fun ablations(
    data: FashionMnist,
    plan: TrainingPlan,
    out: Path,
    fixedEta: Double? = null,
    log: PrintStream = System.out,
): AblationsResult {
    fixedEta?.let { require(it > 0 && it.isFinite()) { "--fixed-eta must be a positive finite number, was $it" } }
    log.println("Data: $data")
    val trainer = CnnTrainer(data, plan, log)
    val paper = PaperOptimizers(plan.epochs, trainer.stepsPerEpoch)
    val runs = mutableListOf<RunHistory>()
    val csv = out.resolve("ablations.csv")
    val markdown = out.resolve("ablations.md")
    val plot = out.resolve("ablations.png")
    fun train(name: String, optimizer: KotlinDlOptimizer) {
        runs += trainer.train(name, optimizer)
        CsvReport.write(runs, csv)
        Files.writeString(markdown, MarkdownReport.table(runs))
        Plots.comparison(runs, plot)
    }

    // %% [markdown]
    // ## Full arTuRO (Kalman surrogate + exact dual solve), the reference
    train("arTuRO", paper.arturoExact.kotlinDl())

    // %% [markdown]
    // ## Fixed η instead of the dual solve
    // `Solver.FIXED` uses `fixedEta` every step (raised only where negative curvature requires it).
    val firstEpochEta = runs[0].epochs.first { it.epoch == 1 }.meanScalars["eta"]
    val eta = fixedEta ?: firstEpochEta?.takeIf { it > 0 && it.isFinite() } ?: DEFAULT_FIXED_ETA
    log.println(String.format(Locale.ROOT, "Fixed η = %.4g (%s)", eta,
        if (fixedEta != null) "--fixed-eta" else "mean η of arTuRO's first epoch"))
    val fixed = paper.arturoConfig().toBuilder().solver(Solver.FIXED).fixedEta(eta).build()
    train(String.format(Locale.ROOT, "fixed η = %.3g", eta), KotlinDlOptimizer(ArturoOptimizer(fixed)))

    // %% [markdown]
    // ## Adam's moments instead of the Kalman surrogate
    val moments = paper.arturoConfig().toBuilder().surrogate(Surrogate.ADAM_MOMENTS).build()
    train("Adam moments", KotlinDlOptimizer(ArturoOptimizer(moments)))

    // %% [markdown]
    // ## Results
    log.println()
    log.println(MarkdownReport.table(runs))
    log.println("Wrote $csv, $markdown and $plot")
    return AblationsResult(runs, eta, csv, markdown, plot)
}

/** Used when arTuRO's trust region never became active in its first epoch (η = 0 throughout). */
private const val DEFAULT_FIXED_ETA = 1.0
