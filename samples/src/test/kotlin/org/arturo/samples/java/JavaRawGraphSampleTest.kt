package org.arturo.samples.java

import org.arturo.samples.data.FashionMnistLoader
import org.arturo.tf.arturo.ArturoDiagnostics
import org.arturo.tf.arturo.Solver
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.params.ParameterizedTest
import org.junit.jupiter.params.provider.MethodSource
import java.io.ByteArrayOutputStream
import java.io.PrintStream

class JavaRawGraphSampleTest {
    @ParameterizedTest
    @MethodSource("solvers")
    fun `a few epochs on real images lower the loss and beat chance`(solver: Solver) {
        val data = FashionMnistLoader().embedded().limit(1020, 300)
        val printed = ByteArrayOutputStream()
        val result = JavaRawGraphSample.run(data, 3, 102, 42, solver, PrintStream(printed, true))

        assertEquals(101_770L, result.parameterCount)
        assertEquals(3, result.epochs.size)
        assertEquals(30, result.solverPassesPerStep.size, "one entry per minibatch step")
        assertTrue(result.finalTrain.loss < result.initialTrain.loss - 0.2,
            "train loss ${result.initialTrain.loss} -> ${result.finalTrain.loss}")
        assertTrue(result.finalTest.accuracy > 0.4, "test accuracy ${result.finalTest.accuracy}")
        val last = result.epochs.last().diagnostics
        assertEquals(30L, last.step())
        assertEquals(0L, last.skippedSteps())
        val epsilon = last.get(ArturoDiagnostics.EPSILON)
        assertTrue(epsilon < 0.0857 * 0.01, "schedule should have dropped ε twice, ε_t = $epsilon")
        assertTrue(printed.toString().contains("test accuracy"))
    }

    companion object {
        @JvmStatic
        fun solvers(): List<Solver> = Solver.values().toList()
    }
}
