package org.arturo.samples.model

import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test
import org.tensorflow.Graph
import org.tensorflow.Session
import org.tensorflow.Tensor
import org.tensorflow.op.Ops
import org.tensorflow.op.core.Placeholder

class TrainingDropoutTest {
    private fun run(training: Boolean, rate: Float): FloatArray = Graph().use { g ->
        val tf = Ops.create(g)
        val flag = tf.placeholder(Boolean::class.javaObjectType, Placeholder.shape(org.tensorflow.Shape.scalar()))
        val input = tf.constant(Array(100) { FloatArray(100) { 2f } })
        val out = TrainingDropout(rate, seed = 3).forward(tf, input, flag, null)
        Session(g).use { s ->
            Tensor.create(training).use { t ->
                s.runner().feed(flag, t).fetch(out).run()[0].use { r ->
                    val m = Array(100) { FloatArray(100) }
                    r.expect(Float::class.javaObjectType).copyTo(m)
                    m.flatMap { it.asIterable() }.toFloatArray()
                }
            }
        }
    }

    @Test
    fun `training drops about rate of the units and rescales the rest`() {
        val out = run(training = true, rate = 0.5f)
        val dropped = out.count { it == 0f }
        assertEquals(0.5, dropped / 10_000.0, 0.03)
        out.filter { it != 0f }.forEach { assertEquals(4f, it, 1e-6f) }
    }

    @Test
    fun `evaluation passes the input through`() {
        assertArrayEquals(FloatArray(10_000) { 2f }, run(training = false, rate = 0.5f))
    }
}
