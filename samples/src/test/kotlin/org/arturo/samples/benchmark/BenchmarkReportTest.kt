package org.arturo.samples.benchmark

import org.arturo.tf.arturo.Solver
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

class BenchmarkReportTest {
    private fun timing(name: String, n: Long, medianNs: Long, passes: Double? = null) =
        StepTiming(name, n, Stats.of(List(30) { medianNs }), 8 * n, passes, passes?.toInt(), 10)

    @Test
    fun `goals are judged from the measured ratios`() {
        val report = BenchmarkReport(
            MachineInfo("2020-01-01", "cpu", 2, "1 GiB", "jvm", "1.15.0", "os"),
            listOf(Bandwidth(40.0, 10.0, 1L shl 20)),
            listOf(timing(StepCandidate.ARTURO_EXACT_GRAPH, 1_000_000, 3_000_000), timing("arTuRO bisection", 1_000_000, 2_000_000),
                timing(StepCandidate.ARTURO_EXACT_NATIVE, 1_000_000, 2_900_000, passes = 2.0),
                timing(StepCandidate.ARTURO_EXACT_NATIVE_AS_SCHEDULED, 1_000_000, 3_400_000, passes = 2.0),
                timing(StepCandidate.fusedAdam.name, 1_000_000, 1_000_000),
                timing(StepCandidate.ARTURO_EXACT_NATIVE, 100_000, 260_000, passes = 2.0),
                timing(StepCandidate.fusedAdam.name, 100_000, 100_000)),
            listOf(SolverPassSummary.of("run", Solver.EXACT, listOf(2, 2, 3, 5))),
            listOf(TrainingStepTiming("Adam", Stats.of(List(30) { 100L }), true),
                TrainingStepTiming("arTuRO exact", Stats.of(List(30) { 110L }), false),
                TrainingStepTiming("Adam", Stats.of(List(30) { 20L }), true, BenchmarkReport.CNN_32),
                TrainingStepTiming("arTuRO exact (native)", Stats.of(List(30) { 23L }), false, BenchmarkReport.CNN_32)),
            command = "cmd",
        )
        val md = report.markdown()
        assertTrue(md.contains("| optimizer step ≤ 2.5× Adam at 1,000,000 parameters (arTuRO exact (graph)) | 3.00× | **no** |"), md)
        assertTrue(md.contains("| optimizer step ≤ 2.5× Adam at 1,000,000 parameters (arTuRO bisection) | 2.00× | yes |"), md)
        assertTrue(md.contains("| optimizer step ≤ 3.0× Adam at 1,000,000 parameters (arTuRO exact (native)) | 2.90× | yes |"), md)
        assertTrue(md.contains("| optimizer step ≤ 2.5× Adam at 100,000 parameters (arTuRO exact (native)) | 2.60× | **no** |"), md)
        assertFalse(md.contains("Adam at 1,000,000 parameters (${StepCandidate.ARTURO_EXACT_NATIVE_AS_SCHEDULED})"), md)
        assertTrue(md.contains("| training step ≤ 1.15× Adam (CNN, batch 255, arTuRO exact) | 1.100× | yes |"), md)
        assertTrue(md.contains("| training step ≤ 1.10× Adam (CNN, batch 32, arTuRO exact (native)) | 1.150× | **no** |"), md)
        // 40 + 8·(2 − 1) + 60 = 108 B in 2.9 ns per parameter: 37.2 GB/s.
        assertTrue(md.contains("| 2.00 / 2 | 108 → 37.2 |"), md)
        assertTrue(md.contains("median 3, mean 3.00, max 5; 75.0% of steps ≤ 3 | yes |"), md)
        assertTrue(md.contains("| 1,000,000 | arTuRO exact (graph) | 3.000 (3.000–3.000) | 3.00 | 3.00 | 8.0 | 10 | – | – |"), md)
        assertTrue(md.contains("`arturo-tf/target/native/memory_floor <parameters> 40 2`"), "a native row points to the memory floor")
    }

    @Test
    fun `a report without the native kernel does not point to its memory floor`() {
        val report = BenchmarkReport(
            MachineInfo("2020-01-01", "cpu", 2, "1 GiB", "jvm", "1.15.0", "os"),
            listOf(Bandwidth(40.0, 10.0, 1L shl 20)),
            listOf(timing(StepCandidate.ARTURO_EXACT_GRAPH, 1_000_000, 3_000_000, passes = 2.0),
                timing(StepCandidate.fusedAdam.name, 1_000_000, 1_000_000)),
            emptyList(), emptyList(), command = "cmd",
        )
        assertFalse(report.markdown().contains("memory_floor"))
    }
}
