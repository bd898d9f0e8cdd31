package org.arturo.samples.benchmark

import org.tensorflow.Graph
import org.tensorflow.Session
import org.tensorflow.Shape
import org.tensorflow.op.Ops

/**
 * What the memory system delivers on this machine, as the yardstick for ns-per-parameter figures:
 * an optimizer step over N parameters cannot be faster than streaming its state through memory.
 */
data class Bandwidth(
    /** TF `AssignAdd` a += b in place over float arrays much larger than the caches: 12 bytes moved per element. */
    val tfInPlaceAddGBps: Double,
    /** `System.arraycopy` between float arrays: 8 bytes moved per element. */
    val jvmCopyGBps: Double,
    val elements: Long,
)

object MemoryBandwidth {
    /** 16 MB per array: the working set of a 4e6-parameter optimizer step, which may sit in a large L3. */
    const val CACHE_SIZED = 4L shl 20

    /** 512 MB per array: beyond any L3, so main memory. */
    const val MEMORY_SIZED = 128L shl 20

    fun measure(elements: Long, repetitions: Int = 15): Bandwidth {
        require(elements in 1..Int.MAX_VALUE) { "elements must be in [1, ${Int.MAX_VALUE}], was $elements" }
        return Bandwidth(tfAdd(elements, repetitions), jvmCopy(elements.toInt(), repetitions), elements)
    }

    private fun tfAdd(elements: Long, repetitions: Int): Double = Graph().use { graph ->
        val tf = Ops.create(graph)
        val f = Float::class.javaObjectType
        val a = tf.variable(Shape.make(elements), f)
        val b = tf.variable(Shape.make(elements), f)
        val dims = tf.constant(longArrayOf(elements))
        val init = listOf(tf.assign(a, tf.fill(dims, tf.constant(1f))), tf.assign(b, tf.fill(dims, tf.constant(1e-6f))))
        val add = tf.assignAdd(a, b)
        Session(graph).use { session ->
            session.runner().also { r -> init.forEach { r.addTarget(it) } }.run()
            val times = (0 until repetitions + 3).map {
                val start = System.nanoTime()
                session.runner().addTarget(add).run()
                System.nanoTime() - start
            }.drop(3)
            12.0 * elements / Stats.of(times).median
        }
    }

    private fun jvmCopy(elements: Int, repetitions: Int): Double {
        val src = FloatArray(elements) { it.toFloat() }
        val dst = FloatArray(elements)
        val times = (0 until repetitions + 3).map {
            val start = System.nanoTime()
            System.arraycopy(src, 0, dst, 0, elements)
            System.nanoTime() - start
        }.drop(3)
        check(dst[elements - 1] == src[elements - 1])
        return 8.0 * elements / Stats.of(times).median
    }
}
