package org.arturo.samples.ablations

import org.arturo.samples.TinyData
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import java.nio.file.Files
import java.nio.file.Path

class AblationsSmokeTest {
    @TempDir
    lateinit var out: Path

    @Test
    fun `both ablations train and the fixed variant holds arTuRO's first-epoch eta`() {
        val result = ablations(TinyData.slice(320, 128), TinyData.plan(epochs = 2), out, log = TinyData.quiet)
        val (full, fixed, moments) = result.runs

        assertEquals(full.epochs[1].meanScalars.getValue("eta"), result.fixedEta, 1e-12)
        // Solver.FIXED uses fixedEta, raised only under negative curvature, never lowered.
        fixed.epochs.drop(1).forEach { e ->
            assertTrue(e.meanScalars.getValue("eta") >= result.fixedEta * (1 - 1e-5), "η ${e.meanScalars["eta"]} < ${result.fixedEta}")
        }
        listOf(full, fixed, moments).forEach { run ->
            assertTrue(run.final.trainLoss < run.epochs[0].trainLoss, "${run.optimizer}: ${run.epochs.map { it.trainLoss }}")
        }
        assertEquals(1 + 3 * 3, Files.readAllLines(result.csv).size)
        assertEquals(2 * 560 to 2 * 380, TinyData.pngSize(result.plot))
    }

    @Test
    fun `a given fixed eta is used as is`() {
        val result = ablations(TinyData.slice(64, 64), TinyData.plan(epochs = 1), out, fixedEta = 0.5, log = TinyData.quiet)
        assertEquals(0.5, result.fixedEta)
        assertTrue(result.runs[1].optimizer.contains("0.5"))
    }
}
