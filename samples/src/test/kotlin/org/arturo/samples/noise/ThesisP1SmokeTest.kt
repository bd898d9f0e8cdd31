package org.arturo.samples.noise

import org.arturo.samples.TinyData
import org.arturo.samples.training.EpochRecord
import org.arturo.samples.training.RunHistory
import org.arturo.samples.training.TrainingPlan
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import org.junit.jupiter.api.io.TempDir
import java.nio.file.Files
import java.nio.file.Path

class ThesisP1SmokeTest {
    @TempDir
    lateinit var out: Path

    @Test
    fun `each method trains the thesis CNN from the same start for the step budget and the report states the claims`() {
        val data = TinyData.slice(640, 128)
        // 10 steps per epoch at batch 64: 25 steps are two whole epochs and half of a third.
        val plan = TrainingPlan.ofSteps(25, data.train.size, 64, seed = 7, trainEvalSize = 256, showProgress = false)
        val result = thesisP1(data, plan, listOf("m-sgd", "adam", "m-ssd", "m-svag"), out, TinyData.quiet)

        assertEquals(listOf("M-SGD (α 0.1)", "Adam (α 0.001)", "M-SSD (α 3.0E-4)", "M-SVAG (α 0.3)"), result.runs.map { it.optimizer })
        result.runs.forEach { run ->
            assertEquals(listOf(0, 1, 2, 3), run.epochs.map { it.epoch })
            assertEquals(result.runs[0].epochs[0].testLoss, run.epochs[0].testLoss, 1e-9, "same initial weights")
            assertTrue(run.final.trainLoss < run.epochs[0].trainLoss, "${run.optimizer}: ${run.epochs.map { it.trainLoss }}")
        }
        // The cut epoch trains on half the batches of a whole one.
        val seconds = result.runs[0].epochs.drop(1).map { it.trainSeconds }
        assertTrue(seconds[2] < seconds[1], "the third epoch has 5 of 10 steps: $seconds")
        val table = Files.readString(result.markdown)
        assertTrue(table.contains("25 steps of batch 64") && table.contains("M-SVAG ≥ M-SGD"), table)
        assertEquals(2 * 560 to 2 * 380, TinyData.pngSize(result.plot))
    }

    @Test
    fun `the claims are judged on the final training losses`() {
        fun run(name: String, loss: Double) = RunHistory(name, listOf(EpochRecord(0, 2.3, 0.1, 2.3, 0.1),
            EpochRecord(1, loss, 0.9, loss, 0.9)))
        val clustered = claims(listOf(run("M-SGD (α 0.1)", 0.30), run("Adam (α 0.001)", 0.20), run("M-SSD (α 3.0E-4)", 0.21),
            run("M-SVAG (α 0.3)", 0.29)))
        assertTrue(clustered.contains("M-SVAG ≥ M-SGD (final train loss 0.2900 vs 0.3000") && clustered.contains("): holds"), clustered)
        assertTrue(clustered.lines()[1].endsWith("holds") && !clustered.lines()[1].endsWith("not hold"), clustered)
        val mixed = claims(listOf(run("M-SGD (α 0.1)", 0.20), run("Adam (α 0.001)", 0.30), run("M-SSD (α 3.0E-4)", 0.21),
            run("M-SVAG (α 0.3)", 0.29)))
        assertTrue(mixed.lines()[0].endsWith("does not hold") && mixed.lines()[1].endsWith("does not hold"), mixed)
    }

    @Test
    fun `an unknown method is refused with the valid keys`() {
        val e = assertThrows<IllegalArgumentException> { ThesisP1.select(listOf("adagrad")) }
        assertTrue(e.message!!.contains("adagrad") && e.message!!.contains("m-svag"), e.message)
    }
}
