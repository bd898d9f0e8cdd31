package org.arturo.samples.cli

import org.arturo.samples.java.JavaRawGraphSample
import org.arturo.tf.arturo.Solver
import picocli.CommandLine.Command
import picocli.CommandLine.Mixin
import picocli.CommandLine.Option
import java.util.concurrent.Callable

@Command(name = "java-graph", mixinStandardHelpOptions = true,
    description = ["Sample 3: arTuRO from plain Java on a raw TF 1.15 graph (an MLP, no KotlinDL)."])
class JavaGraphCommand : Callable<Int> {
    @Mixin
    val data = DataOptions()

    @Option(names = ["--epochs"], description = ["Epochs (default: \${DEFAULT-VALUE})."])
    var epochs: Int = 5

    @Option(names = ["--batch-size"], description = ["Minibatch size (default: \${DEFAULT-VALUE}, as in the paper)."])
    var batchSize: Int = 255

    @Option(names = ["--solver"], description = ["EXACT or BISECTION (default: \${DEFAULT-VALUE})."])
    var solver: Solver = Solver.EXACT

    @Option(names = ["--seed"], description = ["Seed for initialization and data order (default: \${DEFAULT-VALUE})."])
    var seed: Long = 42

    override fun call(): Int {
        JavaRawGraphSample.run(data.load(), epochs, batchSize, seed, solver, System.out)
        return 0
    }
}
