package org.arturo.samples.data

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotEquals
import org.junit.jupiter.api.Assertions.assertSame
import org.junit.jupiter.api.Test
import kotlin.random.Random

class SplitTest {
    private val split = Split(Array(50) { floatArrayOf(it.toFloat()) }, FloatArray(50) { (it % 10).toFloat() })

    @Test
    fun `shuffled is a seeded permutation that keeps images with their labels`() {
        val a = split.shuffled(Random(1))
        val b = split.shuffled(Random(1))
        val c = split.shuffled(Random(2))
        assertEquals(a.labels.toList(), b.labels.toList())
        assertNotEquals(a.images.map { it[0] }, c.images.map { it[0] })
        assertEquals((0 until 50).map { it.toFloat() }, a.images.map { it[0] }.sorted())
        a.images.indices.forEach { assertEquals(a.images[it][0].toInt() % 10, a.labels[it].toInt()) }
    }

    @Test
    fun `take keeps the first examples`() {
        assertEquals(listOf(0f, 1f, 2f), split.take(3).images.map { it[0] })
        assertSame(split, split.take(500))
    }
}
