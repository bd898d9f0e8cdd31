package org.arturo.samples.cli

import org.arturo.samples.cabs.CabsSettings
import org.arturo.samples.cabs.cabsSample
import picocli.CommandLine.Command
import picocli.CommandLine.Mixin
import picocli.CommandLine.Option
import java.util.concurrent.Callable

@Command(name = "cabs", mixinStandardHelpOptions = true, versionProvider = SamplesVersion::class,
    description = ["Sample 7: CABS against SGD at constant batch sizes.",
        "CABS is the coupled adaptive batch size of Balles' thesis (ch. 4).",
        "Trains a quarter-width version of the thesis's CNN with CABS and with SGD at each constant batch size,",
        "at each learning rate, for the same number of training examples; writes cabs.csv, cabs.md and",
        "cabs.png (default directory: arturo-output/cabs)."])
class CabsCommand : Callable<Int> {
    @Mixin
    val data = DataOptions()

    @Mixin
    val output = OutputOptions("arturo-output/cabs")

    @Option(names = ["--examples"], paramLabel = "N", description = ["Training examples per run (default: \${DEFAULT-VALUE})."])
    var examples: Long = 120_000

    @Option(names = ["--eval-every"], paramLabel = "N", description = ["Training examples between evaluations (default: \${DEFAULT-VALUE})."])
    var evalEvery: Long = 10_000

    @Option(names = ["--alphas"], split = ",", paramLabel = "A", description = ["Learning rates (default: 0.1,0.06,0.03,0.01,0.006)."])
    var alphas: List<Double> = CabsSettings.ALPHAS

    @Option(names = ["--batch-sizes"], split = ",", paramLabel = "M",
        description = ["Constant batch sizes to compare with (default: 32,128,512); each at least --micro-batches."])
    var batchSizes: List<Int> = CabsSettings.BATCH_SIZES

    @Option(names = ["--micro-batches"], paramLabel = "K",
        description = ["Micro-batches for the gradient variance, 2 to ${CabsSettings.MIN_BATCH_SIZE} (default: \${DEFAULT-VALUE})."])
    var microBatches: Int = 4

    @Option(names = ["--seed"], description = ["Seed for the weights and the data order (default: \${DEFAULT-VALUE})."])
    var seed: Long = 42

    @Option(names = ["--train-eval-size"], paramLabel = "N",
        description = ["Training images the training loss is measured on (default: \${DEFAULT-VALUE})."])
    var trainEvalSize: Int = 10_000

    /** Every option in range and the output directory writable, before any data is loaded. */
    fun settings(): CabsSettings {
        requireOption(examples >= 1) { "--examples must be at least 1, was $examples" }
        requireOption(evalEvery >= 1) { "--eval-every must be at least 1, was $evalEvery" }
        requireOption(alphas.isNotEmpty()) { "--alphas: give at least one learning rate" }
        for (a in alphas) {
            requireOption(a > 0 && a.isFinite() && a.toFloat() > 0 && a.toFloat().isFinite()) {
                "--alphas: $a is not a learning rate; valid: (0, 3.4e38] as float32"
            }
        }
        requireOption(microBatches in 2..CabsSettings.MIN_BATCH_SIZE) {
            "--micro-batches must be in [2, ${CabsSettings.MIN_BATCH_SIZE}], was $microBatches"
        }
        for (m in batchSizes) {
            requireOption(m in microBatches..CabsSettings.MAX_BATCH_SIZE) {
                "--batch-sizes: $m is outside [$microBatches, ${CabsSettings.MAX_BATCH_SIZE}] (at least --micro-batches, at most CABS's m_max)"
            }
        }
        requireAtLeast("--train-eval-size", trainEvalSize, 1)
        data.validate()
        output.prepare()
        return CabsSettings(alphas, batchSizes, examples, evalEvery, microBatches, seed, trainEvalSize)
    }

    override fun call(): Int {
        val settings = settings()
        cabsSample(data.load(), settings, output.directory)
        return 0
    }
}
