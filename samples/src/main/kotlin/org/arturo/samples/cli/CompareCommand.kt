package org.arturo.samples.cli

import org.arturo.samples.compare.PaperOptimizers
import org.arturo.samples.compare.compare
import org.arturo.samples.data.FashionMnist
import org.arturo.samples.training.TrainingPlan
import picocli.CommandLine.Command
import picocli.CommandLine.Option
import java.nio.file.Path

@Command(name = "compare", mixinStandardHelpOptions = true, versionProvider = SamplesVersion::class,
    description = ["Sample 2: arTuRO against SGD-momentum, Adam and AdamW.",
        "Trains the paper's CNN with arTuRO (exact and bisection), SGD-momentum, Adam and AdamW, each with",
        "the paper's tuned hyperparameters; writes compare.csv, compare.md and compare.png",
        "(default directory: arturo-output/compare)."])
class CompareCommand : SampleCommand("arturo-output/compare") {
    @Option(names = ["--epochs"], description = ["Epochs per optimizer (default: \${DEFAULT-VALUE})."])
    override var epochs: Int = 10

    @Option(names = ["--optimizers"], split = ",", paramLabel = "NAME",
        description = ["Which optimizers, in order (default: arturo-exact,arturo-bisection,sgd,adam,adamw).",
            "Also: arTuRO's filter variants arturo-noise, arturo-r0.01, arturo-noise-r0.01, arturo-r100,",
            "arturo-noise-r100, arturo-cifar-filter, arturo-noise-cifar-filter; the noise-aware methods",
            "ssd, m-sgd, m-ssd, svag, m-svag, adam-star (thesis P1 step sizes)."])
    var optimizers: List<String> = listOf("arturo-exact", "arturo-bisection", "sgd", "adam", "adamw")

    override fun validateOwnOptions() {
        val known = PaperOptimizers.KEYS
        for (key in optimizers) {
            requireOption(key.lowercase() in known) { "--optimizers: unknown optimizer '$key'; valid: ${known.joinToString(",")}" }
        }
        optimizers.groupBy { it.lowercase() }.values.firstOrNull { it.size > 1 }?.let {
            throw InvalidOptionException("--optimizers: '${it[0]}' is listed ${it.size} times; name each optimizer once")
        }
    }

    override fun run(dataset: FashionMnist, plan: TrainingPlan, outputDirectory: Path) {
        compare(dataset, plan, optimizers, outputDirectory)
    }
}
