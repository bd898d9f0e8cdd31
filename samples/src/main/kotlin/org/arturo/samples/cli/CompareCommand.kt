package org.arturo.samples.cli

import org.arturo.samples.compare.compare
import org.arturo.samples.data.FashionMnist
import org.arturo.samples.training.TrainingPlan
import picocli.CommandLine.Command
import picocli.CommandLine.Option
import java.nio.file.Path

@Command(name = "compare", mixinStandardHelpOptions = true,
    description = ["Sample 2: arTuRO (exact and bisection), SGD-momentum, Adam and AdamW on the paper's CNN with",
        "the paper's tuned hyperparameters; writes compare.csv, compare.md and compare.png",
        "(default directory: arturo-output/compare)."])
class CompareCommand : SampleCommand("arturo-output/compare") {
    @Option(names = ["--epochs"], description = ["Epochs per optimizer (default: \${DEFAULT-VALUE})."])
    override var epochs: Int = 10

    @Option(names = ["--optimizers"], split = ",", paramLabel = "NAME",
        description = ["Which optimizers, in order (default: arturo-exact,arturo-bisection,sgd,adam,adamw)."])
    var optimizers: List<String> = listOf("arturo-exact", "arturo-bisection", "sgd", "adam", "adamw")

    override fun run(dataset: FashionMnist, plan: TrainingPlan, outputDirectory: Path) {
        compare(dataset, plan, optimizers, outputDirectory)
    }
}
