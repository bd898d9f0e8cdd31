package org.arturo

import java.io.File
import org.jetbrains.kotlinx.dl.dataset.OnHeapDataset
import org.jetbrains.kotlinx.dl.dataset.handler.NUMBER_OF_CLASSES
import org.jetbrains.kotlinx.dl.dataset.handler.extractImages
import org.jetbrains.kotlinx.dl.dataset.handler.extractLabels

/**
 * Real Fashion-MNIST from the Debian package `dataset-fashion-mnist`, parsed with KotlinDL's own IDX
 * reader. Subsets are the first n images of each file (the files are already shuffled), so runs are
 * deterministic.
 */
object FashionMnist {
    const val DIRECTORY: String = "/usr/share/datasets/fashion-mnist"

    private val trainAll by lazy { load("train") }
    private val testAll by lazy { load("t10k") }

    /** The first [n] training images (pixels scaled to [0, 1]) with their labels. */
    @JvmStatic
    fun train(n: Int): OnHeapDataset = subset(trainAll, n)

    /** The first [n] test images with their labels. */
    @JvmStatic
    fun test(n: Int): OnHeapDataset = subset(testAll, n)

    private fun subset(all: OnHeapDataset, n: Int): OnHeapDataset {
        require(n in 1..all.xSize()) { "n = $n: expected 1..${all.xSize()}" }
        return OnHeapDataset.create(all.x.copyOfRange(0, n), all.y.copyOfRange(0, n))
    }

    private fun load(prefix: String): OnHeapDataset {
        val images = File(DIRECTORY, "$prefix-images-idx3-ubyte.gz")
        val labels = File(DIRECTORY, "$prefix-labels-idx1-ubyte.gz")
        check(images.isFile && labels.isFile) {
            "Fashion-MNIST not found: expected $images and $labels. Install it with `apt-get install dataset-fashion-mnist`."
        }
        return OnHeapDataset.create(extractImages(images.path), extractLabels(labels.path, NUMBER_OF_CLASSES))
    }
}
