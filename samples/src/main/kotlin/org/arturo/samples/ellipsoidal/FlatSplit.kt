package org.arturo.samples.ellipsoidal

import org.arturo.samples.data.Split
import org.arturo.samples.model.TanhMlp
import org.arturo.training.graph.Batch
import org.tensorflow.Session
import org.tensorflow.Tensor
import java.nio.FloatBuffer

/**
 * A split as two flat row-major arrays: the trust region draws its batches from [batch] (the library's
 * view of the data, no copy), the first-order methods and the evaluation feed rows of it to the graph.
 */
class FlatSplit(split: Split) {
    val size: Int = split.size
    private val images = FloatArray(size * TanhMlp.PIXELS).also { flat ->
        split.images.forEachIndexed { i, row -> row.copyInto(flat, i * TanhMlp.PIXELS) }
    }
    private val labels: FloatArray = split.labels.copyOf()

    val batch: Batch = Batch(listOf(images, labels), listOf(longArrayOf(TanhMlp.PIXELS.toLong()), LongArray(0)))

    /** Feeds the examples at [indices] to [mlp]'s inputs; returns the tensors, which the caller closes after the run. */
    fun feed(runner: Session.Runner, mlp: TanhMlp, indices: IntArray): List<Tensor<*>> {
        val x = FloatArray(indices.size * TanhMlp.PIXELS)
        val y = FloatArray(indices.size)
        indices.forEachIndexed { k, i ->
            images.copyInto(x, k * TanhMlp.PIXELS, i * TanhMlp.PIXELS, (i + 1) * TanhMlp.PIXELS)
            y[k] = labels[i]
        }
        return feed(runner, mlp, FloatBuffer.wrap(x), FloatBuffer.wrap(y), indices.size)
    }

    /** Feeds examples [from, to) without copying them on the host. */
    fun feedRange(runner: Session.Runner, mlp: TanhMlp, from: Int, to: Int): List<Tensor<*>> =
        feed(runner, mlp, FloatBuffer.wrap(images, from * TanhMlp.PIXELS, (to - from) * TanhMlp.PIXELS),
            FloatBuffer.wrap(labels, from, to - from), to - from)

    private fun feed(runner: Session.Runner, mlp: TanhMlp, x: FloatBuffer, y: FloatBuffer, rows: Int): List<Tensor<*>> {
        val xs = Tensor.create(longArrayOf(rows.toLong(), TanhMlp.PIXELS.toLong()), x)
        val ys = Tensor.create(longArrayOf(rows.toLong()), y)
        runner.feed(mlp.images, xs).feed(mlp.labels, ys)
        return listOf(xs, ys)
    }
}
