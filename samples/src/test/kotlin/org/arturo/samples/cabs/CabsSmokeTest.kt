package org.arturo.samples.cabs

import org.arturo.samples.TinyData
import org.arturo.samples.cli.CabsCommand
import org.arturo.samples.cli.InvalidOptionException
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import java.nio.file.Files
import java.nio.file.Path

class CabsSmokeTest {
    @TempDir
    lateinit var out: Path

    @Test
    fun `CABS and the constant batch sizes draw the budget at every learning rate and the report has every run`() {
        val data = TinyData.slice(800, 200)
        val settings = CabsSettings(alphas = listOf(0.1, 0.03), batchSizes = listOf(32), examples = 1600, evalEvery = 400,
            microBatches = 4, seed = 3, trainEvalSize = 256)
        val points = cabsSample(data, settings, out)
        val runs = points.groupBy { it.method }
        assertEquals(4, runs.size, "CABS and m=32 at two learning rates")
        for ((method, run) in runs) {
            val end = run.last()
            assertEquals(0L, run.first().examples)
            val largest = method.batchSize ?: CabsSettings.MAX_BATCH_SIZE
            assertTrue(end.examples >= 1600 && end.examples < 1600 + largest, "$method: ${end.examples} examples")
            assertTrue(run.all { it.batchSize in CabsSettings.MIN_BATCH_SIZE..CabsSettings.MAX_BATCH_SIZE }, "$method: ${run.map { it.batchSize }}")
            method.batchSize?.let { m -> assertTrue(run.all { it.batchSize == m }) }
            assertTrue(run.first().ruleBatchSize.isNaN() && run.drop(1).all { it.ruleBatchSize > 0 && it.ruleBatchSize.isFinite() },
                "$method: the rule's size is known after the first step: ${run.map { it.ruleBatchSize }}")
            if (method.alpha == 0.1) assertTrue(end.trainLoss < run.first().trainLoss, "$method: ${run.map { it.trainLoss }}")
        }
        val csv = Files.readAllLines(out.resolve("cabs.csv"))
        assertEquals(1 + points.size, csv.size)
        val md = Files.readString(out.resolve("cabs.md"))
        assertTrue(md.contains("| CABS |") && md.contains("| SGD m=32 |"), md)
        TinyData.pngSize(out.resolve("cabs.png"))
    }

    @Test
    fun `bad options fail naming the option before any data is loaded`() {
        fun fails(configure: CabsCommand.() -> Unit, text: String) {
            val e = assertThrows(InvalidOptionException::class.java) { CabsCommand().apply { output.directory = out }.apply(configure).settings() }
            assertTrue(e.message!!.contains(text), e.message)
        }
        fails({ examples = 0 }, "--examples")
        fails({ alphas = listOf(-0.1) }, "--alphas")
        fails({ microBatches = 1 }, "--micro-batches")
        fails({ batchSizes = listOf(2) }, "--batch-sizes: 2")
    }
}
