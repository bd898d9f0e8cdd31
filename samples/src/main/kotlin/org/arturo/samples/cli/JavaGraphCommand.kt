package org.arturo.samples.cli

import org.arturo.samples.java.JavaRawGraphSample
import org.arturo.tf.arturo.Solver
import picocli.CommandLine.Command
import picocli.CommandLine.Mixin
import picocli.CommandLine.Option
import java.util.concurrent.Callable

@Command(name = "java-graph", mixinStandardHelpOptions = true, versionProvider = SamplesVersion::class,
    description = ["Sample 3: arTuRO from plain Java on a raw TF 1.15 graph.",
        "Trains an MLP built from TensorFlow ops, without KotlinDL, and prints loss, accuracy and arTuRO's",
        "diagnostics per epoch."])
class JavaGraphCommand : Callable<Int> {
    @Mixin
    val data = DataOptions()

    @Option(names = ["--epochs"], description = ["Epochs (default: \${DEFAULT-VALUE})."])
    var epochs: Int = 5

    @Option(names = ["--batch-size"], description = ["Minibatch size (default: \${DEFAULT-VALUE}, as in the paper)."])
    var batchSize: Int = 255

    /** The dual solvers a user can pick here (the fixed-η one needs an η: the ablations sample shows it). */
    enum class SolverChoice(val solver: Solver) { EXACT(Solver.EXACT), BISECTION(Solver.BISECTION) }

    @Option(names = ["--solver"], description = ["EXACT or BISECTION (default: \${DEFAULT-VALUE})."])
    var solver: SolverChoice = SolverChoice.EXACT

    @Option(names = ["--seed"], description = ["Seed for initialization and data order (default: \${DEFAULT-VALUE})."])
    var seed: Long = 42

    override fun call(): Int {
        requireAtLeast("--epochs", epochs, 1)
        requireAtLeast("--batch-size", batchSize, 1)
        data.validate()
        JavaRawGraphSample.run(data.load(), epochs, batchSize, seed, solver.solver, System.out)
        return 0
    }
}
