package org.arturo.samples.compare

import org.arturo.samples.data.FashionMnist
import org.arturo.samples.report.MarkdownReport
import org.arturo.samples.training.CnnTrainer
import org.arturo.samples.training.RunHistory
import org.arturo.samples.training.TrainingPlan
import java.io.PrintStream
import java.nio.file.Path

// %% [markdown]
// # Sample 2: arTuRO vs SGD-momentum, Adam and AdamW on the paper's Fashion-MNIST CNN
//
// The paper's claim: arTuRO trains as fast as Adam and generalizes like SGD. This sample lets you
// check it on your machine. Every optimizer gets
// - its tuned hyperparameters from the paper (Tables 2–5),
// - the paper's multi-step schedule (×0.1 for the learning rates, ×0.006 for arTuRO's ε) with the
//   milestones at the same fractions of training as 60 and 90 of 120 epochs,
// - the same initial weights, the same minibatches in the same order and the same dropout masks.
//
// Run it with
// `java -jar samples/target/arturo-samples.jar compare [--epochs 10] [--optimizers arturo-exact,adam,...]`.
// Outputs: `compare.csv` (one row per optimizer × epoch), `compare.md` (summary table) and
// `compare.png` (curves).

/** What the comparison produced. */
class CompareResult(val runs: List<RunHistory>, val csv: Path, val markdown: Path, val plot: Path)

fun compare(
    data: FashionMnist,
    plan: TrainingPlan,
    optimizerKeys: List<String>,
    out: Path,
    log: PrintStream = System.out,
): CompareResult {
    log.println("Data: $data")
    val trainer = CnnTrainer(data, plan, log)

    // %% [markdown]
    // ## The contestants
    // `PaperOptimizers` builds each optimizer from its preset and compresses its schedule to this run.
    // All of them run through the same KotlinDL adapter (`KotlinDlOptimizer`), so they differ in the
    // update rule only.
    val optimizers = PaperOptimizers(plan.epochs, trainer.stepsPerEpoch).select(optimizerKeys)

    // %% [markdown]
    // ## Training, one optimizer after the other
    // `contest` writes the results after each run, so an interrupted comparison keeps what it finished.
    val result = contest(trainer, optimizers.map { entry -> entry.name to { entry.kotlinDl() } }, out, "compare") { runs ->
        summary(data, plan, runs)
    }

    // %% [markdown]
    // ## Results
    log.println()
    log.println(MarkdownReport.table(result.runs))
    log.println("Wrote ${result.csv}, ${result.markdown} and ${result.plot}")
    return result
}

private fun summary(data: FashionMnist, plan: TrainingPlan, runs: List<RunHistory>): String = buildString {
    appendLine("Fashion-MNIST CNN, ${data.train.size} training / ${data.test.size} test images (${data.origin}), " +
        "${plan.epochs} epochs, batch ${plan.batchSize}, seed ${plan.seed}. Train metrics in evaluation mode on " +
        "${if (plan.trainEvalSize == 0 || plan.trainEvalSize >= data.train.size) "all" else "the first ${plan.trainEvalSize}"} training images.")
    appendLine()
    append(MarkdownReport.table(runs))
}
