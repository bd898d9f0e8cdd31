package org.arturo.samples.data

/** Fashion-MNIST (Zalando Research, MIT license): 28×28 grey images of ten clothing classes. */
class FashionMnist(
    val train: Split,
    val test: Split,
    /** Where the data came from, for logs and reports. */
    val origin: String,
    /** False for the embedded subset. */
    val isFullDataset: Boolean,
) {
    /** This dataset cut to the first [trainSize] training and [testSize] test examples. */
    fun limit(trainSize: Int?, testSize: Int?): FashionMnist {
        if (trainSize == null && testSize == null) return this
        val train = trainSize?.let(train::take) ?: train
        val test = testSize?.let(test::take) ?: test
        return FashionMnist(train, test, "$origin (first ${train.size} train / ${test.size} test)", isFullDataset)
    }

    override fun toString(): String = "Fashion-MNIST from $origin: ${train.size} train / ${test.size} test images"

    companion object {
        const val IMAGE_SIZE = 28
        const val NUM_CLASSES = 10
        val CLASS_NAMES = listOf(
            "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
        )
        const val TRAIN_IMAGES = "train-images-idx3-ubyte.gz"
        const val TRAIN_LABELS = "train-labels-idx1-ubyte.gz"
        const val TEST_IMAGES = "t10k-images-idx3-ubyte.gz"
        const val TEST_LABELS = "t10k-labels-idx1-ubyte.gz"
        val FILES = listOf(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS)
    }
}
