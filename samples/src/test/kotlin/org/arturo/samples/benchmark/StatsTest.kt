package org.arturo.samples.benchmark

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test

class StatsTest {
    @Test
    fun `median and deciles interpolate between order statistics`() {
        val s = Stats.of(listOf(5L, 1L, 4L, 2L, 3L, 10L))
        assertEquals(6, s.count)
        assertEquals(3.5, s.median, 1e-12)      // between 3 and 4
        assertEquals(1.5, s.p10, 1e-12)         // 0.5 of the way from 1 to 2
        assertEquals(7.5, s.p90, 1e-12)         // 0.5 of the way from 5 to 10
        assertEquals(1.0, s.min, 1e-12)
    }
}
