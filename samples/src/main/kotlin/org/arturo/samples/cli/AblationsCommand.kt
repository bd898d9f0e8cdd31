package org.arturo.samples.cli

import org.arturo.samples.ablations.ablations
import picocli.CommandLine.Command
import picocli.CommandLine.Mixin
import picocli.CommandLine.Option
import java.util.concurrent.Callable

@Command(name = "ablations", mixinStandardHelpOptions = true,
    description = ["Sample 4: arTuRO against its ablations from the paper's Fig. 3 (fixed η; Adam's moments",
        "instead of the Kalman surrogate); writes ablations.csv, .md and .png (default directory: arturo-output/ablations)."])
class AblationsCommand : Callable<Int> {
    @Mixin
    val data = DataOptions()

    @Mixin
    val training = TrainingOptions()

    @Mixin
    val output = OutputOptions("arturo-output/ablations")

    @Option(names = ["--epochs"], description = ["Epochs per variant (default: \${DEFAULT-VALUE})."])
    var epochs: Int = 10

    @Option(names = ["--fixed-eta"], paramLabel = "ETA",
        description = ["η for the fixed-η variant (default: the mean η of full arTuRO's first epoch)."])
    var fixedEta: Double? = null

    override fun call(): Int {
        val dataset = data.load()
        ablations(dataset, training.plan(epochs, dataset), output.directory, fixedEta)
        return 0
    }
}
