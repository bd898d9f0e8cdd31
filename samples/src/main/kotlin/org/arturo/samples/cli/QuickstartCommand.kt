package org.arturo.samples.cli

import org.arturo.samples.quickstart.quickstart
import picocli.CommandLine.Command
import picocli.CommandLine.Mixin
import picocli.CommandLine.Option
import java.util.concurrent.Callable

@Command(name = "quickstart", mixinStandardHelpOptions = true,
    description = ["Sample 1: the paper's Fashion-MNIST CNN trained with arTuRO; prints test accuracy and",
        "writes a plot of accuracy, loss and η per epoch (default directory: arturo-output/quickstart)."])
class QuickstartCommand : Callable<Int> {
    @Mixin
    val data = DataOptions()

    @Mixin
    val training = TrainingOptions()

    @Mixin
    val output = OutputOptions("arturo-output/quickstart")

    @Option(names = ["--epochs"], description = ["Epochs (default: \${DEFAULT-VALUE})."])
    var epochs: Int = 5

    override fun call(): Int {
        val dataset = data.load()
        quickstart(dataset, training.plan(epochs, dataset), output.directory)
        return 0
    }
}
