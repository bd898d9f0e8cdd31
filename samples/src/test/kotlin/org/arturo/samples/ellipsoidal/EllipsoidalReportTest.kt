package org.arturo.samples.ellipsoidal

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

class EllipsoidalReportTest {
    private fun run(method: EllipsoidalMethod, seed: Long, vararg lossAt: Pair<Long, Double>) = lossAt.map { (backprops, loss) ->
        val tr = if (method.isTrustRegion) TrustRegionState(backprops / 8, backprops / 8, 3 * backprops / 8, 0.1) else null
        Checkpoint(method, seed, backprops, backprops, backprops / 100.0, backprops * 32, backprops * 32 / 60_000.0, loss, 0.8, tr)
    }

    @Test
    fun `the table gives mean and sample std over seeds, and the pairing counts the seeds where the ellipsoid wins`() {
        val checkpoints = run(EllipsoidalMethod.TR_RMS, 0, 0L to 2.3, 1000L to 0.40, 2000L to 0.34) +
            run(EllipsoidalMethod.TR_RMS, 1, 0L to 2.3, 1000L to 0.44, 2000L to 0.36) +
            run(EllipsoidalMethod.TR_UNI, 0, 0L to 2.3, 1000L to 0.45, 2000L to 0.37) +
            run(EllipsoidalMethod.TR_UNI, 1, 0L to 2.3, 1000L to 0.43, 2000L to 0.35)
        val md = EllipsoidalReport.render(checkpoints, EllipsoidalSettings(seeds = 2, backprops = 2000), "test data")
        // Seeds 0 and 1 at 2000: mean 0.35, sample std √2 · 0.01.
        assertTrue(md.contains("| TR_rms | 0.420 ± 0.028 | 0.420 ± 0.028 | 0.350 ± 0.014 |"), md)
        assertTrue(md.contains("| 0 | 0.3400 | 0.3700 | -0.0300 |") && md.contains("| 1 | 0.3600 | 0.3500 | +0.0100 |"), md)
        assertTrue(md.contains("TR_rms ends below TR_uni in 1 of 2 seeds."), md)
        assertTrue(md.contains("| 3.00 ± 0.00 | 100.00% |"), "Hv per iteration and accepted share: $md")
        // 2000 backprops hold 250 gradients + 750 products: 1000 at the exact-product count, so 2000 is not reached.
        assertTrue(md.contains("| TR_rms | 0.420 ± 0.028 | 0.350 ± 0.014 | not reached |"), md)
        // The highest final loss is TR_uni's 0.37 on seed 0; TR_rms first gets there at 2000 on both seeds.
        // Read at an exact-count budget of 1000 instead: 250, 500 and 1000 gradients + products.
        val exact = EllipsoidalReport.render(checkpoints, EllipsoidalSettings(seeds = 2, backprops = 2000, exactCountBudget = 1000), "test data")
        assertTrue(exact.contains("| method | train loss @ 250 gradients + Hv | train loss @ 500 gradients + Hv | train loss @ 1000 gradients + Hv |"), exact)
        // The products reach 250 and 500 at 1000 backprops, 1000 at 2000.
        assertTrue(exact.lines().contains("| TR_rms | 0.420 ± 0.028 | 0.420 ± 0.028 | 0.350 ± 0.014 |"), exact)
        assertTrue(md.contains("Cost to reach train loss 0.370") && md.contains("| TR_rms | 2000 ± 0 | 20.0 ± 0.0 | 1.07 ± 0.00 |"), md)
    }

    @Test
    fun `an unknown method is refused with the valid keys`() {
        val e = org.junit.jupiter.api.assertThrows<IllegalArgumentException> { EllipsoidalMethod.select(listOf("lbfgs")) }
        assertEquals("--methods: unknown method 'lbfgs'; valid: tr-rms,tr-ada,tr-uni,sgd,adam", e.message)
    }
}
