package org.arturo.samples.benchmark

import org.arturo.samples.compare.PaperOptimizers
import org.arturo.samples.data.FashionMnist
import org.arturo.samples.training.CnnTrainer
import org.arturo.samples.training.TrainingPlan
import org.arturo.samples.java.JavaRawGraphSample
import org.arturo.telemetry.solverIterations
import org.arturo.tf.arturo.Solver
import java.io.OutputStream
import java.io.PrintStream

/** How many passes over the parameters the η solver made per step during one training run. */
data class SolverPassSummary(
    val run: String,
    val solver: Solver,
    val steps: Int,
    val mean: Double,
    /** The typical step's passes. */
    val median: Int,
    val max: Int,
    /** Share of steps that needed at most three passes. */
    val atMostThree: Double,
    /** Steps per pass count, index = passes. */
    val histogram: IntArray,
) {
    companion object {
        fun of(run: String, solver: Solver, passes: List<Int>): SolverPassSummary {
            require(passes.isNotEmpty()) { "no steps recorded" }
            val histogram = IntArray(passes.max() + 1)
            passes.forEach { histogram[it]++ }
            return SolverPassSummary(run, solver, passes.size, passes.average(), passes.sorted()[passes.size / 2], passes.max(),
                passes.count { it <= 3 }.toDouble() / passes.size, histogram)
        }
    }
}

private fun epochs(n: Int) = if (n == 1) "1 epoch" else "$n epochs"

object SolverPassStudy {
    /** Trains the paper's CNN with KotlinDL and each solver, recording every step's passes. */
    fun cnn(data: FashionMnist, epochs: Int, seed: Long = 42): List<SolverPassSummary> {
        val plan = TrainingPlan(epochs, seed = seed, trainEvalSize = 1000, showProgress = false)
        val trainer = CnnTrainer(data, plan, PrintStream(OutputStream.nullOutputStream()))
        val optimizers = PaperOptimizers(epochs, trainer.stepsPerEpoch)
        return listOf(Solver.EXACT to optimizers.arturoExact, Solver.BISECTION to optimizers.arturoBisection).map { (solver, entry) ->
            val passes = mutableListOf<Int>()
            trainer.train(entry.name, entry.kotlinDl(), onStep = { passes += Math.round(it.solverIterations).toInt() })
            SolverPassSummary.of("Fashion-MNIST CNN (KotlinDL), ${data.train.size} images × ${epochs(epochs)}", solver, passes)
        }
    }

    /** Trains sample 3's MLP on real data with each solver and records every step's passes. */
    fun mlp(data: FashionMnist, epochs: Int, seed: Long = 42): List<SolverPassSummary> =
        listOf(Solver.EXACT, Solver.BISECTION).map { solver ->
            val result = JavaRawGraphSample.run(data, epochs, 255, seed, solver, PrintStream(OutputStream.nullOutputStream()))
            SolverPassSummary.of("MLP 784-128-10, ${data.train.size} images × ${epochs(epochs)}", solver, result.solverPassesPerStep())
        }
}
