package org.arturo.samples.training

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

class TrainingPlanTest {
    @Test
    fun `a step budget takes whole epochs and cuts the last one short`() {
        // The thesis's P1: 6000 steps of 64 on 60000 images = 938 steps per epoch, 6 whole epochs and 372 steps.
        val plan = TrainingPlan.ofSteps(6000, trainImages = 60_000, batchSize = 64)
        assertEquals(7, plan.epochs)
        assertEquals((1..6).map { 938L } + 372L, (1..7).map { plan.stepsIn(it, 60_000) })
        assertEquals(6000L, (1..plan.epochs).sumOf { plan.stepsIn(it, 60_000) })
    }

    @Test
    fun `without a budget every epoch is whole`() {
        val plan = TrainingPlan(3, batchSize = 255)
        assertEquals(listOf(236L, 236L, 236L), (1..3).map { plan.stepsIn(it, 60_000) })
    }

    @Test
    fun `a budget below one step is refused`() {
        assertThrows<IllegalArgumentException> { TrainingPlan(1, stepLimit = 0) }
    }
}
