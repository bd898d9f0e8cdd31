package org.arturo.samples.quickstart

import org.arturo.samples.TinyData
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import java.nio.file.Files
import java.nio.file.Path

class QuickstartSmokeTest {
    @TempDir
    lateinit var out: Path

    @Test
    fun `quick start trains the CNN with arTuRO and writes its plot and CSV`() {
        val result = quickstart(TinyData.slice(1600, 256), TinyData.plan(epochs = 2), out, TinyData.quiet)
        val epochs = result.history.epochs

        assertEquals(listOf(0, 1, 2), epochs.map { it.epoch })
        assertTrue(epochs.last().trainLoss < epochs.first().trainLoss - 0.3,
            "train loss ${epochs.first().trainLoss} -> ${epochs.last().trainLoss}")
        // Telemetry came from the library: arTuRO's η and solver passes for every step.
        val first = epochs[1]
        assertTrue(first.meanScalars.getValue("eta") > 0, "η ${first.meanScalars}")
        assertTrue(first.maxScalars.getValue("solverIterations") in 1.0..30.0)
        assertEquals(50.0, epochs[1].maxScalars.getValue("step"), "50 applied steps after epoch 1 (1600 / 32)")

        assertEquals(3 * 560 to 380, TinyData.pngSize(result.plot), "accuracy, loss and η panels")
        val rows = Files.readAllLines(result.csv)
        assertEquals(1 + 3, rows.size, "header + epochs 0..2")
        assertTrue(rows[0].startsWith("optimizer,epoch,train_loss"))
    }
}
