package org.arturo.samples.cli

import org.arturo.samples.data.FashionMnist
import org.arturo.samples.noise.ThesisP1
import org.arturo.samples.noise.thesisP1
import org.arturo.samples.training.TrainingPlan
import picocli.CommandLine.Command
import picocli.CommandLine.Option
import java.nio.file.Path

@Command(name = "noise-p1", mixinStandardHelpOptions = true, versionProvider = SamplesVersion::class,
    description = ["Sample 5: the thesis's P1 comparison of the noise-aware methods.",
        "M-SGD, Adam, M-SSD and M-SVAG as in Balles' thesis, App. B.1.",
        "Trains the thesis's Fashion-MNIST CNN for a step budget with each method's step size from the",
        "thesis (batch 64 unless --batch-size is given); writes noise-p1.csv, noise-p1.md and noise-p1.png",
        "(default directory: arturo-output/noise-p1)."])
class NoiseP1Command : SampleCommand("arturo-output/noise-p1") {
    @Option(names = ["--steps"], description = ["Training steps per method (default: \${DEFAULT-VALUE}, as in the thesis)."])
    var steps: Long = ThesisP1.STEPS

    @Option(names = ["--optimizers"], split = ",", paramLabel = "NAME",
        description = ["Which methods, in order (default: m-sgd,adam,m-ssd,m-svag)."])
    var optimizers: List<String> = ThesisP1.KEYS

    /** The step budget decides the epochs. */
    override val epochs: Int get() = 1

    override fun validateOwnOptions() {
        requireOption(steps >= 1) { "--steps must be at least 1, was $steps" }
        for (key in optimizers) {
            requireOption(key.lowercase() in ThesisP1.KEYS) { "--optimizers: unknown optimizer '$key'; valid: ${ThesisP1.KEYS.joinToString(",")}" }
        }
        optimizers.groupBy { it.lowercase() }.values.firstOrNull { it.size > 1 }?.let {
            throw InvalidOptionException("--optimizers: '${it[0]}' is listed ${it.size} times; name each optimizer once")
        }
    }

    override fun run(dataset: FashionMnist, plan: TrainingPlan, outputDirectory: Path) {
        val p1 = TrainingPlan.ofSteps(steps, dataset.train.size, training.batchSize ?: ThesisP1.BATCH_SIZE, plan.seed,
            plan.trainEvalSize, plan.showProgress)
        thesisP1(dataset, p1, optimizers, outputDirectory)
    }
}
