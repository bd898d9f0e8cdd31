package org.arturo.samples.data

import org.jetbrains.kotlinx.dl.dataset.handler.extractImages
import org.jetbrains.kotlinx.dl.dataset.handler.extractLabels
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths
import java.nio.file.StandardCopyOption

/**
 * Finds and reads Fashion-MNIST, in this order: the directory the user named, the Debian package's
 * location, the subset embedded in the samples' resources. The IDX files are parsed by KotlinDL's own
 * extractors, which read files only, so the embedded subset is first copied to a temporary directory.
 */
class FashionMnistLoader(
    /** Where `apt-get install dataset-fashion-mnist` puts the files; a parameter so tests can move it. */
    private val installedDirectory: Path = DEBIAN_DIRECTORY,
) {
    fun load(request: DataRequest = DataRequest.auto()): FashionMnist {
        val data = when {
            request.directory != null -> fromDirectory(requireComplete(request.directory, "--data"), full = true)
            request.subset -> embedded()
            isComplete(installedDirectory) -> fromDirectory(installedDirectory, full = true)
            request.requireFull -> throw DatasetNotFoundException(
                "The full Fashion-MNIST is required but not installed in $installedDirectory.\n" + HOW_TO_INSTALL
            )
            else -> embedded()
        }
        return data.limit(request.trainLimit, request.testLimit)
    }

    /** The subset shipped in the samples' resources (3000 train / 1000 test images). */
    fun embedded(): FashionMnist {
        val dir = Files.createTempDirectory("fashion-mnist-subset")
        try {
            for (name in FashionMnist.FILES) {
                val stream = FashionMnistLoader::class.java.getResourceAsStream("$RESOURCE_DIRECTORY/$name")
                    ?: error("the samples jar lacks its embedded Fashion-MNIST subset ($RESOURCE_DIRECTORY/$name)")
                stream.use { Files.copy(it, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING) }
            }
            return fromDirectory(dir, full = false, origin = "the embedded subset (samples resources)")
        } finally {
            FashionMnist.FILES.forEach { Files.deleteIfExists(dir.resolve(it)) }
            Files.deleteIfExists(dir)
        }
    }

    private fun fromDirectory(dir: Path, full: Boolean, origin: String = dir.toString()): FashionMnist {
        fun images(name: String) = extractImages(dir.resolve(name).toString())
        fun labels(name: String) = extractLabels(dir.resolve(name).toString(), FashionMnist.NUM_CLASSES)
        val train = Split(images(FashionMnist.TRAIN_IMAGES), labels(FashionMnist.TRAIN_LABELS))
        val test = Split(images(FashionMnist.TEST_IMAGES), labels(FashionMnist.TEST_LABELS))
        for (split in listOf(train, test)) {
            split.images.firstOrNull()?.let {
                check(it.size == FashionMnist.IMAGE_SIZE * FashionMnist.IMAGE_SIZE) {
                    "$dir: images have ${it.size} pixels, expected 28×28"
                }
            }
        }
        return FashionMnist(train, test, origin, full)
    }

    private fun requireComplete(dir: Path, option: String): Path {
        if (!Files.isDirectory(dir)) {
            throw DatasetNotFoundException("$option $dir: no such directory.\n$HOW_TO_INSTALL")
        }
        val missing = missingFiles(dir)
        if (missing.isNotEmpty()) {
            throw DatasetNotFoundException("$option $dir lacks ${missing.joinToString()}.\n$HOW_TO_INSTALL")
        }
        return dir
    }

    private fun isComplete(dir: Path) = Files.isDirectory(dir) && missingFiles(dir).isEmpty()

    private fun missingFiles(dir: Path) = FashionMnist.FILES.filterNot { Files.isRegularFile(dir.resolve(it)) }

    companion object {
        @JvmField
        val DEBIAN_DIRECTORY: Path = Paths.get("/usr/share/datasets/fashion-mnist")

        const val RESOURCE_DIRECTORY = "/fashion-mnist-subset"

        val HOW_TO_INSTALL = """
            |To get the full Fashion-MNIST, either
            |  - install the Debian/Ubuntu package:  sudo apt-get install dataset-fashion-mnist
            |    (files go to $DEBIAN_DIRECTORY), or
            |  - pass a directory holding ${FashionMnist.FILES.joinToString()}
            |    with --data DIR (from https://github.com/zalandoresearch/fashion-mnist).
            |Without either, leave out --data/--full to use the small embedded subset.
        """.trimMargin()

        /** Loads what [request] asks for from the usual places. */
        @JvmStatic
        fun find(request: DataRequest): FashionMnist = FashionMnistLoader().load(request)
    }
}
