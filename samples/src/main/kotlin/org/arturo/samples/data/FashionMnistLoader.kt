package org.arturo.samples.data

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths

/**
 * Finds and reads Fashion-MNIST, in this order: the directory the user named, the Debian package's
 * location, the subset embedded in the samples' resources. Every file is checked in full before use
 * ([IdxFile]: gzip CRC and length, IDX header, payload length, labels 0–9; images and labels of a
 * split agree in count); a damaged file is a [DatasetCorruptException] that names it.
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

    /** The subset shipped in the samples' resources (3000 train / 1000 test images), checked like any other. */
    fun embedded(): FashionMnist = read(origin = "the embedded subset (samples resources)", full = false) { name ->
        IdxFile("embedded ${RESOURCE_DIRECTORY.removePrefix("/")}/$name", REBUILD_THE_JAR) {
            FashionMnistLoader::class.java.getResourceAsStream("$RESOURCE_DIRECTORY/$name")
                ?: error("the samples jar lacks its embedded Fashion-MNIST subset ($RESOURCE_DIRECTORY/$name)")
        }
    }

    private fun fromDirectory(dir: Path, full: Boolean): FashionMnist {
        val installed = dir.toAbsolutePath().normalize() == installedDirectory.toAbsolutePath().normalize()
        val remedy = if (installed) REINSTALL_THE_PACKAGE else DOWNLOAD_AGAIN
        return read(origin = dir.toString(), full = full) { name ->
            val file = dir.resolve(name)
            IdxFile(file.toString(), remedy) { Files.newInputStream(file) }
        }
    }

    /** Reads and checks the four files, the smaller test split first so a damaged file fails fast. */
    private fun read(origin: String, full: Boolean, file: (String) -> IdxFile): FashionMnist {
        fun split(imagesName: String, labelsName: String): Split {
            val imagesFile = file(imagesName)
            val labelsFile = file(labelsName)
            val labels = labelsFile.readLabels()
            val images = imagesFile.readImages()
            if (images.size != labels.size) {
                imagesFile.fail("holds ${images.size} images but ${labelsFile.name} holds ${labels.size} labels")
            }
            return Split(images, labels)
        }
        val test = split(FashionMnist.TEST_IMAGES, FashionMnist.TEST_LABELS)
        val train = split(FashionMnist.TRAIN_IMAGES, FashionMnist.TRAIN_LABELS)
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

        private const val REINSTALL_THE_PACKAGE =
            "reinstall it with: sudo apt-get install --reinstall dataset-fashion-mnist"
        private const val DOWNLOAD_AGAIN =
            "replace it with the original from https://github.com/zalandoresearch/fashion-mnist"
        private const val REBUILD_THE_JAR = "the samples jar is damaged; rebuild it with: mvn package"

        /** Loads what [request] asks for from the usual places. */
        @JvmStatic
        fun find(request: DataRequest): FashionMnist = FashionMnistLoader().load(request)
    }
}
