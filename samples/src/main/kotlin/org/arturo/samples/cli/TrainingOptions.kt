package org.arturo.samples.cli

import org.arturo.samples.data.FashionMnist
import org.arturo.samples.training.TrainingPlan
import picocli.CommandLine.Option
import java.nio.file.Path
import java.nio.file.Paths

/** Training options shared by the KotlinDL samples. */
class TrainingOptions {
    @Option(names = ["--batch-size"], paramLabel = "N",
        description = ["Minibatch size (default: 255 as in the paper on the full dataset; 32 on the embedded",
            "subset, whose 3000 images would give only 12 steps per epoch at 255)."])
    var batchSize: Int? = null

    @Option(names = ["--seed"], description = ["Seed for weights, dropout and data order (default: \${DEFAULT-VALUE})."])
    var seed: Long = 42

    @Option(names = ["--train-eval-size"], paramLabel = "N",
        description = ["Training images used for the per-epoch train loss/accuracy; 0 = all (default: \${DEFAULT-VALUE})."])
    var trainEvalSize: Int = 10_000

    @Option(names = ["--no-progress"], description = ["No progress bar."])
    var noProgress: Boolean = false

    /** Checks these options before anything is loaded; the errors name the options as typed. */
    fun validate() {
        batchSize?.let { requireAtLeast("--batch-size", it, 1) }
        requireAtLeast("--train-eval-size", trainEvalSize, 0, "(0 = all training images)")
    }

    fun plan(epochs: Int, data: FashionMnist) = TrainingPlan(epochs, batchSize ?: defaultBatchSize(data), seed, trainEvalSize,
        showProgress = !noProgress)

    companion object {
        fun defaultBatchSize(data: FashionMnist) = if (data.isFullDataset) 255 else 32
    }
}

/** Where a sample writes its files. */
class OutputOptions(defaultDirectory: String) {
    @Option(names = ["--out"], paramLabel = "DIR", description = ["Directory for the sample's PNG, CSV and Markdown files."])
    var directory: Path = Paths.get(defaultDirectory)

    /** Creates the directory and checks that files can be written there, before any data is loaded. */
    fun prepare(): Path = requireWritableDirectory("--out", directory)
}
