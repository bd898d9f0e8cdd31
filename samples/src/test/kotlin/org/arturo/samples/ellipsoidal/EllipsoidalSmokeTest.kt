package org.arturo.samples.ellipsoidal

import org.arturo.samples.TinyData
import org.arturo.training.etr.Ellipsoid
import org.arturo.training.etr.TrustRegionConfig
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import java.nio.file.Files
import java.nio.file.Path

class EllipsoidalSmokeTest {
    @TempDir
    lateinit var out: Path

    @Test
    fun `every method trains the MLP from the same start for the backprop budget and the report has a row per run`() {
        val data = TinyData.slice(600, 100)
        val settings = EllipsoidalSettings(seeds = 2, backprops = 400, trustRegionBatch = 64, firstOrderBatch = 16, evalEvery = 100)
        val result = ellipsoidal(data, settings, out, TinyData.quiet)

        val runs = EllipsoidalReport.runsOf(result.checkpoints)
        assertEquals(EllipsoidalMethod.entries, runs.keys.toList())
        // One iteration costs at most a gradient and two per product.
        val oneIteration = 1 + 2L * TrustRegionConfig.builder(Ellipsoid.RMS).build().maxProducts()
        for ((method, seeds) in runs) {
            assertEquals(2, seeds.size, "$method: one run per seed")
            for (run in seeds) {
                val start = run.first()
                val end = run.last()
                assertEquals(0L, start.target)
                assertEquals(400L, end.target)
                assertTrue(run.zipWithNext().all { (a, b) -> a.target < b.target && a.backprops < b.backprops && a.seconds <= b.seconds },
                    "$method: evaluation points in order: ${run.map { it.backprops }}")
                assertTrue(end.trainLoss < start.trainLoss, "$method seed ${end.seed}: ${run.map { it.trainLoss }}")
                val tr = end.trustRegion
                if (method.isTrustRegion) {
                    assertTrue(tr != null && tr.hvProducts > 0 && tr.accepted in 1..tr.iterations, "$method: $tr")
                    assertTrue(end.backprops in 400 until 400 + oneIteration, "$method: ${end.backprops} backprops")
                    assertEquals(end.backprops, tr!!.iterations + 2 * tr.hvProducts)
                    assertEquals(tr.iterations * 64, end.samples)
                } else {
                    assertEquals(null, tr)
                    assertEquals(400L, end.backprops)
                    assertEquals(400L * 16, end.samples)
                }
                assertEquals(end.samples / 600.0, end.epochs, 1e-12)
            }
        }
        // Same seed, same initial weights for every method; another seed, other weights.
        val initial = runs.values.map { seeds -> seeds.map { it.first().trainLoss } }
        initial.forEach { assertEquals(initial[0], it) }
        assertNotEquals(initial[0][0], initial[0][1])

        val csv = Files.readAllLines(result.csv)
        assertEquals(EllipsoidalCsv.HEADER, csv[0])
        assertEquals(result.checkpoints.size, csv.size - 1)
        assertEquals(5 * 2, csv.count { it.split(",")[2] == "400" }, "one final row per method and seed")
        val table = Files.readString(result.markdown)
        for (method in EllipsoidalMethod.entries) assertTrue(table.contains("| ${method.label} |"), table)
        assertTrue(table.contains("train loss @ 100 | train loss @ 200 | train loss @ 400"), table)
        assertTrue(Regex("TR_rms ends below TR_uni in [0-2] of 2 seeds").containsMatchIn(table), table)
        assertEquals(2 * 560 to 2 * 380, TinyData.pngSize(result.plot))
    }
}
