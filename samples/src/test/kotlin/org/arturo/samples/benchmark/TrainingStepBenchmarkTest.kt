package org.arturo.samples.benchmark

import org.arturo.samples.TinyData
import org.arturo.samples.compare.PaperOptimizers
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

class TrainingStepBenchmarkTest {
    @Test
    fun `each optimizer gets the requested number of timed CNN steps`() {
        val paper = PaperOptimizers(10, 100)
        val timings = TrainingStepBenchmark(TinyData.slice(128, 1).train, batchSize = 32, warmupSteps = 1, timedSteps = 3).run(listOf(
            TrainingStepBenchmark.Candidate("Adam", isReference = true) { paper.adam.kotlinDl() },
            TrainingStepBenchmark.Candidate("arTuRO") { paper.arturoExact.kotlinDl() },
        ))
        assertEquals(listOf("Adam", "arTuRO"), timings.map { it.optimizer })
        assertEquals(listOf(true, false), timings.map { it.isReference })
        timings.forEach { assertEquals(3, it.stats.count); assertTrue(it.stats.median > 0) }
    }
}
