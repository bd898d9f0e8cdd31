package org.arturo.samples.benchmark

import org.arturo.tf.arturo.Solver
import org.arturo.tf.kernel.NativeKernel
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

class OptimizerStepBenchmarkTest {
    private val n = 8_192L

    private val timings by lazy {
        OptimizerStepBenchmark(listOfNotNull(StepCandidate.arturo(Solver.EXACT), StepCandidate.fusedAdam,
            StepCandidate.arturoNative().takeIf { NativeKernel.shipped() }), warmupSteps = 1, timedSteps = 3).run(n)
    }

    @Test
    fun `state bytes are measured from the variables each optimizer creates`() {
        val arturo = timings.first { it.optimizer == StepCandidate.ARTURO_EXACT_GRAPH }
        val adam = timings.first { it.optimizer == StepCandidate.fusedAdam.name }
        // Both kernels keep the same state.
        timings.filter { it.optimizer == StepCandidate.ARTURO_EXACT_NATIVE }
            .forEach { assertEquals(arturo.stateBytesPerParameter, it.stateBytesPerParameter, 0.0) }
        // Six float slots per parameter (prec, lin, quad, p00, p01, p11) plus eight scalars: η, KL ratio,
        // solver passes, ε, and the guarded step's step, skipped-step and outlier-step counters and gradient scale.
        assertEquals(24.0 + 8 * 4.0 / n, arturo.stateBytesPerParameter, 1e-9)
        // m and v per parameter plus the two β powers.
        assertEquals(8.0 + 2 * 4.0 / n, adam.stateBytesPerParameter, 1e-9)
    }

    @Test
    fun `every optimizer is timed the requested number of steps and arTuRO reports its passes`() {
        timings.forEach { assertEquals(3, it.stats.count); assertTrue(it.stats.median > 0) }
        val arturo = timings.first { it.optimizer == StepCandidate.ARTURO_EXACT_GRAPH }
        assertNotNull(arturo.meanSolverPasses)
        timings.filter { it.optimizer == StepCandidate.ARTURO_EXACT_NATIVE }.forEach {
            assertTrue(it.maxSolverPasses!! in 1..30)
            assertTrue(it.graphOps < arturo.graphOps, "the native step is one op plus the shared guard")
        }
        assertTrue(arturo.maxSolverPasses!! in 1..30)
        assertNull(timings.first { it.optimizer == StepCandidate.fusedAdam.name }.meanSolverPasses)
        assertTrue(arturo.graphOps > timings.first { it.optimizer == StepCandidate.fusedAdam.name }.graphOps)
    }

    @Test
    fun `synthetic parameters add up to the requested count`() {
        org.tensorflow.Graph().use { g ->
            val p = SyntheticParameters(org.tensorflow.op.Ops.create(g), 100_003L)
            assertEquals(100_003L, p.parameters.sumOf { CountingStateFactory.elements(it) })
            assertEquals(8, p.gradients.size)
        }
    }
}
