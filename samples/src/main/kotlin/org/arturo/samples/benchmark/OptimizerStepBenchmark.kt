package org.arturo.samples.benchmark

import org.tensorflow.Graph
import org.tensorflow.Session

/** Timings of one optimizer at one model size. */
data class StepTiming(
    val optimizer: String,
    val parameters: Long,
    val stats: Stats,
    val stateBytes: Long,
    /** Solver passes per step over the timed steps (synthetic gradients), when the optimizer has a solver. */
    val meanSolverPasses: Double?,
    val maxSolverPasses: Int?,
    /** Graph operations the optimizer added for the eight parameter tensors. */
    val graphOps: Int,
) {
    val nsPerParameter: Double get() = stats.median / parameters
    val stateBytesPerParameter: Double get() = stateBytes.toDouble() / parameters
}

/**
 * Optimizer step only: each candidate gets its own graph with the same synthetic parameters; before
 * each timed step a separate, untimed run draws fresh gradients. Candidates are interleaved step by
 * step, in an order that rotates, so drifts in clock speed or cache state hit all of them alike.
 */
class OptimizerStepBenchmark(
    private val candidates: List<StepCandidate>,
    private val warmupSteps: Int = 10,
    private val timedSteps: Int = 50,
) {
    init {
        require(candidates.isNotEmpty()) { "no optimizers to time" }
        require(timedSteps >= 1) { "timedSteps must be at least 1, was $timedSteps" }
        require(warmupSteps >= 0) { "warmupSteps must be ≥ 0, was $warmupSteps" }
    }

    private class Instance(val candidate: StepCandidate, val graph: Graph, val session: Session,
                           val step: BuiltStep, val refresh: List<org.tensorflow.Operand<*>>,
                           val graphOps: Int) : AutoCloseable {
        val times = mutableListOf<Long>()
        val passes = mutableListOf<Int>()

        fun refresh() {
            val r = session.runner()
            refresh.forEach { r.addTarget(it) }
            r.run()
        }

        fun timedStep(): Long {
            val start = System.nanoTime()
            session.runner().addTarget(step.trainOp).run()
            return System.nanoTime() - start
        }

        fun readPasses(): Int? = step.solverPasses?.let { op ->
            session.runner().fetch(op).run()[0].use { Math.round(it.floatValue()) }
        }

        override fun close() {
            session.close()
            graph.close()
        }
    }

    fun run(parameterCount: Long, progress: (String) -> Unit = {}): List<StepTiming> {
        val instances = candidates.map { candidate ->
            val graph = Graph()
            val tf = org.tensorflow.op.Ops.create(graph)
            val synthetic = SyntheticParameters(tf, parameterCount)
            val opsBefore = countOps(graph)
            val step = candidate.build(tf, synthetic.parameters, synthetic.gradients)
            val graphOps = countOps(graph) - opsBefore
            val session = Session(graph)
            session.runner().also { r -> synthetic.initializers.forEach { r.addTarget(it) } }.run()
            session.runner().also { r -> step.initializers.forEach { r.addTarget(it) } }.run()
            Instance(candidate, graph, session, step, synthetic.refresh, graphOps)
        }
        try {
            repeat(warmupSteps) { instances.forEach { it.refresh(); it.timedStep() } }
            for (i in 0 until timedSteps) {
                for (k in instances.indices) {
                    val instance = instances[(i + k) % instances.size]
                    instance.refresh()
                    instance.times += instance.timedStep()
                    instance.readPasses()?.let { instance.passes += it }
                }
                if ((i + 1) % 10 == 0) progress("  $parameterCount parameters: ${i + 1}/$timedSteps interleaved steps")
            }
            return instances.map {
                StepTiming(it.candidate.name, parameterCount, Stats.of(it.times), it.step.stateBytes,
                    it.passes.takeIf { p -> p.isNotEmpty() }?.average(), it.passes.maxOrNull(), it.graphOps)
            }
        } finally {
            instances.forEach { it.close() }
        }
    }

    private fun countOps(graph: Graph): Int {
        var n = 0
        val ops = graph.operations()
        while (ops.hasNext()) {
            ops.next()
            n++
        }
        return n
    }
}
