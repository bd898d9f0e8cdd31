package org.arturo.samples.data

import org.jetbrains.kotlinx.dl.dataset.OnHeapDataset
import kotlin.random.Random

/**
 * Images and labels of one part of a dataset: each image a row-major 28×28 vector scaled to [0, 1],
 * each label the class index (0–9) as a float, as KotlinDL's datasets expect.
 */
class Split(val images: Array<FloatArray>, val labels: FloatArray) {
    init {
        require(images.size == labels.size) { "images (${images.size}) and labels (${labels.size}) differ in count" }
    }

    val size: Int get() = images.size

    /** The first [n] examples (all when [n] ≥ size). */
    fun take(n: Int): Split {
        require(n > 0) { "n must be positive, was $n" }
        return if (n >= size) this else Split(images.copyOfRange(0, n), labels.copyOfRange(0, n))
    }

    /** The same examples in an order drawn from [random]: one call per epoch gives every optimizer the same order. */
    fun shuffled(random: Random): Split {
        val order = IntArray(size) { it }
        for (i in size - 1 downTo 1) {
            val j = random.nextInt(i + 1)
            val t = order[i]; order[i] = order[j]; order[j] = t
        }
        return Split(Array(size) { images[order[it]] }, FloatArray(size) { labels[order[it]] })
    }

    /** A KotlinDL dataset over these arrays (no copy). */
    fun toDataset(): OnHeapDataset = OnHeapDataset.create(images, labels)

    /** How many examples each class has, indexed by class. */
    fun classCounts(): IntArray {
        val counts = IntArray(FashionMnist.CLASS_NAMES.size)
        labels.forEach { counts[it.toInt()]++ }
        return counts
    }
}
