package org.arturo.samples

import org.arturo.samples.data.FashionMnist
import org.arturo.samples.data.FashionMnistLoader
import org.arturo.samples.training.TrainingPlan
import java.io.OutputStream
import java.io.PrintStream
import java.nio.file.Files
import java.nio.file.Path
import javax.imageio.ImageIO

/** Small slices of the embedded real subset and quiet plans, so each smoke test trains for seconds. */
object TinyData {
    val subset: FashionMnist by lazy { FashionMnistLoader().embedded() }

    fun slice(train: Int, test: Int): FashionMnist = subset.limit(train, test)

    fun plan(epochs: Int, batchSize: Int = 32) =
        TrainingPlan(epochs, batchSize = batchSize, seed = 7, trainEvalSize = 256, showProgress = false)

    val quiet = PrintStream(OutputStream.nullOutputStream())

    /** Width and height of a PNG that decodes; fails when the file is missing or not an image. */
    fun pngSize(file: Path): Pair<Int, Int> {
        check(Files.size(file) > 1000) { "$file is suspiciously small" }
        val image = checkNotNull(ImageIO.read(file.toFile())) { "$file is not a readable image" }
        return image.width to image.height
    }
}
