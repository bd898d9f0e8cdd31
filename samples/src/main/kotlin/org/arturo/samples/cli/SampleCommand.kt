package org.arturo.samples.cli

import org.arturo.samples.data.FashionMnist
import org.arturo.samples.training.TrainingPlan
import picocli.CommandLine.Mixin
import java.nio.file.Path
import java.util.concurrent.Callable

/**
 * A KotlinDL training sample: the shared data, training and output options, then [run] with the
 * loaded data and the training plan for [epochs].
 */
abstract class SampleCommand(defaultOutput: String) : Callable<Int> {
    @Mixin
    val data = DataOptions()

    @Mixin
    val training = TrainingOptions()

    @Mixin
    val output = OutputOptions(defaultOutput)

    /** Epochs per run; each command declares its own option and default. */
    abstract val epochs: Int

    abstract fun run(dataset: FashionMnist, plan: TrainingPlan, outputDirectory: Path)

    override fun call(): Int {
        val dataset = data.load()
        run(dataset, training.plan(epochs, dataset), output.directory)
        return 0
    }
}
