package org.arturo.samples.cli

import org.arturo.samples.compare.compare
import picocli.CommandLine.Command
import picocli.CommandLine.Mixin
import picocli.CommandLine.Option
import java.util.concurrent.Callable

@Command(name = "compare", mixinStandardHelpOptions = true,
    description = ["Sample 2: arTuRO (exact and bisection), SGD-momentum, Adam and AdamW on the paper's CNN with",
        "the paper's tuned hyperparameters; writes compare.csv, compare.md and compare.png",
        "(default directory: arturo-output/compare)."])
class CompareCommand : Callable<Int> {
    @Mixin
    val data = DataOptions()

    @Mixin
    val training = TrainingOptions()

    @Mixin
    val output = OutputOptions("arturo-output/compare")

    @Option(names = ["--epochs"], description = ["Epochs per optimizer (default: \${DEFAULT-VALUE})."])
    var epochs: Int = 10

    @Option(names = ["--optimizers"], split = ",", paramLabel = "NAME",
        description = ["Which optimizers, in order (default: arturo-exact,arturo-bisection,sgd,adam,adamw)."])
    var optimizers: List<String> = listOf("arturo-exact", "arturo-bisection", "sgd", "adam", "adamw")

    override fun call(): Int {
        val dataset = data.load()
        compare(dataset, training.plan(epochs, dataset), optimizers, output.directory)
        return 0
    }
}
