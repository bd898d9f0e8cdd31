package org.arturo.samples.cli

import org.arturo.samples.data.DataRequest
import org.arturo.samples.data.FashionMnist
import org.arturo.samples.data.FashionMnistLoader
import picocli.CommandLine.Option
import java.nio.file.Path

/** The data options every sample shares. */
class DataOptions {
    @Option(names = ["--data"], paramLabel = "DIR",
        description = ["Directory with the four Fashion-MNIST IDX .gz files.",
            "Default: /usr/share/datasets/fashion-mnist when installed, else the embedded subset."])
    var directory: Path? = null

    @Option(names = ["--full"], description = ["Fail unless the full dataset is found (no embedded fallback)."])
    var full: Boolean = false

    @Option(names = ["--subset"], description = ["Use the embedded 3000/1000-image subset even if the full dataset is installed."])
    var subset: Boolean = false

    @Option(names = ["--train-limit"], paramLabel = "N", description = ["Use only the first N training images."])
    var trainLimit: Int? = null

    @Option(names = ["--test-limit"], paramLabel = "N", description = ["Use only the first N test images."])
    var testLimit: Int? = null

    /** Checks these options before anything is loaded; the errors name the options as typed. */
    fun validate() {
        requireOption(!(subset && directory != null)) {
            "--subset and --data cannot be combined: --subset uses the embedded subset, --data $directory reads DIR"
        }
        requireOption(!(subset && full)) { "--subset and --full cannot be combined: the embedded subset is not the full dataset" }
        trainLimit?.let { requireAtLeast("--train-limit", it, 1) }
        testLimit?.let { requireAtLeast("--test-limit", it, 1) }
    }

    fun request() = DataRequest(directory, full, subset, trainLimit, testLimit)

    fun load(): FashionMnist = FashionMnistLoader().load(request())
}
