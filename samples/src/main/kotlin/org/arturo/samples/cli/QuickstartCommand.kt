package org.arturo.samples.cli

import org.arturo.samples.data.FashionMnist
import org.arturo.samples.quickstart.quickstart
import org.arturo.samples.training.TrainingPlan
import picocli.CommandLine.Command
import picocli.CommandLine.Option
import java.nio.file.Path

@Command(name = "quickstart", mixinStandardHelpOptions = true, versionProvider = SamplesVersion::class,
    description = ["Sample 1: the paper's Fashion-MNIST CNN trained with arTuRO.",
        "Prints the test accuracy and writes a plot of accuracy, loss and η per epoch",
        "(default directory: arturo-output/quickstart)."])
class QuickstartCommand : SampleCommand("arturo-output/quickstart") {
    @Option(names = ["--epochs"], description = ["Epochs (default: \${DEFAULT-VALUE})."])
    override var epochs: Int = 5

    override fun run(dataset: FashionMnist, plan: TrainingPlan, outputDirectory: Path) {
        quickstart(dataset, plan, outputDirectory)
    }
}
