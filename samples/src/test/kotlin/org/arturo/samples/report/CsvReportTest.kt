package org.arturo.samples.report

import org.arturo.samples.training.EpochRecord
import org.arturo.samples.training.RunHistory
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import java.nio.file.Path

class CsvReportTest {
    @TempDir
    lateinit var dir: Path

    @Test
    fun `a written CSV reads back to the same runs`() {
        val runs = listOf(
            RunHistory("fixed η = 0.5, test", listOf(
                EpochRecord(0, 2.3, 0.1, 2.31, 0.09),
                EpochRecord(1, 0.5, 0.8, 0.55, 0.79, 0.6, 12.5, 101.0, mapOf("eta" to 0.5, "solverIterations" to 1.0), mapOf("solverIterations" to 1.0)),
            )),
            RunHistory("Adam", listOf(EpochRecord(0, 2.3, 0.1, 2.31, 0.09), EpochRecord(1, 0.4, 0.85, 0.45, 0.84, 0.5, 11.0, 99.0, mapOf("learningRate" to 1e-3)))),
        )
        val file = dir.resolve("runs.csv")
        CsvReport.write(runs, file)
        val back = CsvReport.read(file)

        assertEquals(runs.map { it.optimizer }, back.map { it.optimizer })
        assertEquals(0.79, back[0].epochs[1].testAccuracy, 1e-9)
        assertEquals(0.5, back[0].epochs[1].meanScalars.getValue("eta"), 1e-9)
        assertEquals(1.0, back[0].epochs[1].maxScalars.getValue("solverIterations"), 1e-9)
        assertEquals(1e-3, back[1].epochs[1].meanScalars.getValue("learningRate"), 1e-12)
        assertTrue(back[0].epochs[0].meanBatchLoss.isNaN())
        assertEquals(CsvReport.render(runs), CsvReport.render(back))
    }
}
