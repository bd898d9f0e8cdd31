package org.arturo.samples.noise

import org.arturo.kotlindl.KotlinDlOptimizer
import org.arturo.samples.compare.CompareResult
import org.arturo.samples.compare.contest
import org.arturo.samples.data.FashionMnist
import org.arturo.samples.model.ThesisCnn
import org.arturo.samples.report.MarkdownReport
import org.arturo.samples.training.CnnTrainer
import org.arturo.samples.training.RunHistory
import org.arturo.samples.training.TrainingPlan
import org.arturo.tf.GraphOptimizer
import org.arturo.tf.baselines.AdamConfig
import org.arturo.tf.baselines.AdamOptimizer
import org.arturo.tf.noise.NoiseAwareConfig
import org.arturo.tf.noise.NoiseAwareConfig.Method
import org.arturo.tf.noise.NoiseAwareOptimizer
import java.io.PrintStream
import java.nio.file.Path
import java.util.Locale

// %% [markdown]
// # Sample 5: the thesis's own comparison of the noise-aware optimizers (problem P1)
//
// Balles' thesis (chapter 5, App. B.1) compares M-SGD, Adam, M-SSD and M-SVAG on a Fashion-MNIST
// CNN: batch 64, 6000 steps, a constant step size per method chosen by a grid search (App. B.1.2).
// Its claims: variance adaptation never hurts (M-SVAG ≥ M-SGD), and the sign aspect dominates (the
// sign methods M-SSD and Adam cluster, as do M-SGD and M-SVAG). This sample reruns that set-up with
// the thesis's step sizes; every method starts from the same weights and sees the same batches.
//
// Run it with
// `java -jar samples/target/arturo-samples.jar noise-p1 [--steps 6000] [--optimizers m-sgd,adam,m-ssd,m-svag]`.
// Outputs: `noise-p1.csv` (one row per method × epoch), `noise-p1.md` (summary) and `noise-p1.png` (curves).

/** The thesis's P1 contestants with their step sizes (App. B.1.2), keyed as `--optimizers` accepts them. */
object ThesisP1 {
    const val STEPS = 6000L
    const val BATCH_SIZE = 64

    /** A contestant: its key, the thesis's name, its step size and a fresh optimizer per model. */
    class Entry(val key: String, val name: String, val learningRate: Double, val optimizer: () -> GraphOptimizer)

    private fun noiseAware(method: Method, learningRate: Double) = Entry(method.key(), method.displayName(), learningRate) {
        NoiseAwareOptimizer(NoiseAwareConfig.builder(method).learningRate(learningRate).build())
    }

    val all: List<Entry> = listOf(
        noiseAware(Method.M_SGD, 0.1),
        // Adam with its usual β1 = 0.9, β2 = 0.999, ε = 1e-8 (thesis §5.6.1).
        Entry("adam", "Adam", 1e-3) { AdamOptimizer(AdamConfig.builder().learningRate(1e-3).build()) },
        noiseAware(Method.M_SSD, 3e-4),
        noiseAware(Method.M_SVAG, 0.3),
    )

    val KEYS: List<String> = all.map { it.key }

    /** The entries named by [keys], in the given order. */
    fun select(keys: List<String>): List<Entry> = keys.map { key ->
        all.firstOrNull { it.key == key.lowercase(Locale.ROOT) }
            ?: throw IllegalArgumentException("--optimizers: unknown optimizer '$key'; valid: ${KEYS.joinToString(",")}")
    }
}

fun thesisP1(
    data: FashionMnist,
    plan: TrainingPlan,
    optimizerKeys: List<String>,
    out: Path,
    log: PrintStream = System.out,
): CompareResult {
    log.println("Data: $data")
    // %% [markdown]
    // ## The model and the budget
    // `ThesisCnn` is the thesis's network; the plan counts steps, so the last epoch ends where the
    // budget does. Train metrics are measured in evaluation mode on the plan's training subset after
    // every epoch and on the whole training set at the end.
    val trainer = CnnTrainer(data, plan, log, ThesisCnn::build)
    val contestants = ThesisP1.select(optimizerKeys).map { entry ->
        "${entry.name} (α ${entry.learningRate})" to { KotlinDlOptimizer(entry.optimizer()) }
    }
    val result = contest(trainer, contestants, out, "noise-p1") { runs -> summary(data, plan, runs) }

    // %% [markdown]
    // ## Results
    // The thesis's two claims, checked on these runs: M-SVAG's final training loss against M-SGD's,
    // and how close the sign methods' losses are to each other compared with the other pair.
    log.println()
    log.println(MarkdownReport.table(result.runs))
    log.println(claims(result.runs))
    log.println("Wrote ${result.csv}, ${result.markdown} and ${result.plot}")
    return result
}

/** The thesis's claims, stated for the runs at hand (only for the methods that ran). */
fun claims(runs: List<RunHistory>): String = buildString {
    fun run(prefix: String) = runs.firstOrNull { it.optimizer.startsWith("$prefix (") }
    val msgd = run("M-SGD"); val msvag = run("M-SVAG"); val mssd = run("M-SSD"); val adam = run("Adam")
    if (msgd != null && msvag != null) {
        val holds = msvag.final.trainLoss <= msgd.final.trainLoss
        appendLine(String.format(Locale.ROOT, "- M-SVAG ≥ M-SGD (final train loss %.4f vs %.4f, test acc. %.2f%% vs %.2f%%): %s",
            msvag.final.trainLoss, msgd.final.trainLoss, 100 * msvag.final.testAccuracy, 100 * msgd.final.testAccuracy,
            if (holds) "holds" else "does not hold"))
    }
    if (msgd != null && msvag != null && mssd != null && adam != null) {
        val signGap = kotlin.math.abs(mssd.final.trainLoss - adam.final.trainLoss)
        val otherGap = kotlin.math.abs(msgd.final.trainLoss - msvag.final.trainLoss)
        val across = listOf(mssd, adam).flatMap { s -> listOf(msgd, msvag).map { kotlin.math.abs(s.final.trainLoss - it.final.trainLoss) } }.min()
        appendLine(String.format(Locale.ROOT, "- Sign methods cluster (|M-SSD − Adam| %.4f, |M-SGD − M-SVAG| %.4f, " +
            "smallest gap across the pairs %.4f): %s", signGap, otherGap, across,
            if (signGap < across && otherGap < across) "holds" else "does not hold"))
    }
}

private fun summary(data: FashionMnist, plan: TrainingPlan, runs: List<RunHistory>): String = buildString {
    appendLine("Thesis problem P1: Fashion-MNIST CNN (${ThesisCnn.PARAMETER_COUNT} parameters), ${data.train.size} training / " +
        "${data.test.size} test images (${data.origin}), ${plan.stepLimit ?: "all"} steps of batch ${plan.batchSize}, seed ${plan.seed}, " +
        "constant step sizes. Final train metrics in evaluation mode on ${if (plan.trainEvalSize == 0) "all" else "the first ${plan.trainEvalSize}"} training images.")
    appendLine()
    append(MarkdownReport.table(runs))
    appendLine()
    append(claims(runs))
}
