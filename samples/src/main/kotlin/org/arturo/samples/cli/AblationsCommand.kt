package org.arturo.samples.cli

import org.arturo.samples.ablations.ablations
import org.arturo.samples.data.FashionMnist
import org.arturo.samples.training.TrainingPlan
import picocli.CommandLine.Command
import picocli.CommandLine.Option
import java.nio.file.Path

@Command(name = "ablations", mixinStandardHelpOptions = true, versionProvider = SamplesVersion::class,
    description = ["Sample 4: arTuRO against its ablations from the paper's Fig. 3.",
        "Trains full arTuRO, arTuRO with a fixed η, and arTuRO with Adam's moments instead of the Kalman",
        "surrogate; writes ablations.csv, .md and .png (default directory: arturo-output/ablations)."])
class AblationsCommand : SampleCommand("arturo-output/ablations") {
    @Option(names = ["--epochs"], description = ["Epochs per variant (default: \${DEFAULT-VALUE})."])
    override var epochs: Int = 10

    @Option(names = ["--fixed-eta"], paramLabel = "ETA",
        description = ["η for the fixed-η variant (default: the mean η of full arTuRO's first epoch)."])
    var fixedEta: Double? = null

    override fun validateOwnOptions() {
        fixedEta?.let { requireOption(it > 0 && it.isFinite()) { "--fixed-eta must be a positive finite number, was $it" } }
    }

    override fun run(dataset: FashionMnist, plan: TrainingPlan, outputDirectory: Path) {
        ablations(dataset, plan, outputDirectory, fixedEta)
    }
}
