package org.arturo.samples.data

import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Assumptions.assumeTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import org.junit.jupiter.api.io.TempDir
import org.jetbrains.kotlinx.dl.dataset.handler.extractImages
import org.jetbrains.kotlinx.dl.dataset.handler.extractLabels
import java.io.ByteArrayOutputStream
import java.nio.ByteBuffer
import java.nio.file.Files
import java.nio.file.Path
import java.util.zip.GZIPInputStream
import java.util.zip.GZIPOutputStream

class FashionMnistLoaderTest {
    @TempDir
    lateinit var temp: Path

    private val embedded by lazy { FashionMnistLoader().embedded() }

    @Test
    fun `embedded subset holds 3000 train and 1000 test images of every class`() {
        assertEquals(3000, embedded.train.size)
        assertEquals(1000, embedded.test.size)
        assertFalse(embedded.isFullDataset)
        for (split in listOf(embedded.train, embedded.test)) {
            assertTrue(split.classCounts().all { it >= 80 }, "class counts ${split.classCounts().toList()}")
            assertEquals(784, split.images[0].size)
            val pixels = split.images.take(50).flatMap { it.asIterable() }
            assertTrue(pixels.all { it in 0f..1f })
            assertTrue(pixels.any { it > 0.5f }, "images should not be blank")
        }
    }

    @Test
    fun `embedded subset is the first records of the original files`() {
        val installed = FashionMnistLoader.DEBIAN_DIRECTORY
        assumeTrue(Files.isRegularFile(installed.resolve(FashionMnist.TRAIN_LABELS)), "dataset-fashion-mnist not installed")
        for ((name, count, header) in listOf(
            Triple(FashionMnist.TRAIN_IMAGES, 3000, 16), Triple(FashionMnist.TRAIN_LABELS, 3000, 8),
            Triple(FashionMnist.TEST_IMAGES, 1000, 16), Triple(FashionMnist.TEST_LABELS, 1000, 8),
        )) {
            val recordBytes = if (header == 16) 784 else 1
            val original = GZIPInputStream(Files.newInputStream(installed.resolve(name))).use { it.readNBytes(header + count * recordBytes) }
            val subset = GZIPInputStream(javaClass.getResourceAsStream("/fashion-mnist-subset/$name")!!).use { it.readAllBytes() }
            assertEquals(header + count * recordBytes, subset.size, name)
            assertArrayEquals(original.copyOfRange(header, original.size), subset.copyOfRange(header, subset.size), name)
            assertEquals(count, java.nio.ByteBuffer.wrap(subset, 4, 4).int, "$name header count")
        }
    }

    @Test
    fun `a named directory without the files fails with install instructions`() {
        val e = assertThrows<DatasetNotFoundException> { FashionMnistLoader().load(DataRequest(directory = temp)) }
        assertTrue(e.message!!.contains("apt-get install dataset-fashion-mnist"), e.message)
        assertTrue(e.message!!.contains(FashionMnist.TRAIN_IMAGES), e.message)
        val missing = temp.resolve("nope")
        val e2 = assertThrows<DatasetNotFoundException> { FashionMnistLoader().load(DataRequest(directory = missing)) }
        assertTrue(e2.message!!.contains("no such directory"), e2.message)
    }

    @Test
    fun `without an installed dataset auto falls back to the subset and full fails`() {
        val loader = FashionMnistLoader(installedDirectory = temp.resolve("not-installed"))
        val data = loader.load(DataRequest.auto())
        assertFalse(data.isFullDataset)
        assertEquals(3000, data.train.size)
        val e = assertThrows<DatasetNotFoundException> { loader.load(DataRequest(requireFull = true)) }
        assertTrue(e.message!!.contains("apt-get install dataset-fashion-mnist"), e.message)
    }

    @Test
    fun `a complete directory is read as the full dataset and limits cut it`() {
        for (name in FashionMnist.FILES) {
            javaClass.getResourceAsStream("/fashion-mnist-subset/$name")!!.use { Files.copy(it, temp.resolve(name)) }
        }
        val data = FashionMnistLoader(installedDirectory = temp.resolve("x")).load(DataRequest(directory = temp, trainLimit = 100, testLimit = 10))
        assertTrue(data.isFullDataset)
        assertEquals(100, data.train.size)
        assertEquals(10, data.test.size)
        assertArrayEquals(embedded.train.images[99], data.train.images[99])
    }

    @Test
    fun `conflicting requests are rejected`() {
        assertThrows<IllegalArgumentException> { DataRequest(directory = temp, subset = true) }
        assertThrows<IllegalArgumentException> { DataRequest(requireFull = true, subset = true) }
        assertThrows<IllegalArgumentException> { DataRequest(trainLimit = 0) }
    }

    // Damaged files: each is an error that names the file and the problem, never a dataset.

    /** The embedded files copied to a directory of their own, as `--data` would read them. */
    private fun copyOfSubset(): Path {
        val dir = Files.createDirectories(temp.resolve("data"))
        for (name in FashionMnist.FILES) {
            javaClass.getResourceAsStream("/fashion-mnist-subset/$name")!!.use { Files.copy(it, dir.resolve(name)) }
        }
        return dir
    }

    private fun gunzip(file: Path): ByteArray = GZIPInputStream(Files.newInputStream(file)).use { it.readAllBytes() }

    private fun gzip(file: Path, bytes: ByteArray) {
        val out = ByteArrayOutputStream()
        GZIPOutputStream(out).use { it.write(bytes) }
        Files.write(file, out.toByteArray())
    }

    /** Rewrites [name]'s decompressed content with [change], gzipped again (so the gzip layer is intact). */
    private fun rewrite(dir: Path, name: String, change: (ByteArray) -> ByteArray) {
        val file = dir.resolve(name)
        gzip(file, change(gunzip(file)))
    }

    private fun loadFails(dir: Path, installed: Path = temp.resolve("not-installed")): DatasetCorruptException =
        assertThrows { FashionMnistLoader(installedDirectory = installed).load(DataRequest(directory = dir)) }

    private fun assertNames(e: DatasetCorruptException, file: Path, vararg problem: String) {
        assertEquals(file.toString(), e.file, e.message)
        assertTrue(e.message!!.startsWith("$file: "), e.message)
        problem.forEach { assertTrue(e.message!!.contains(it), "expected '$it' in: ${e.message}") }
        assertFalse(e.message!!.contains('\n'), "one line: ${e.message}")
    }

    @Test
    fun `the files are read exactly as KotlinDL's extractors read them`() {
        val dir = copyOfSubset()
        val data = FashionMnistLoader(installedDirectory = temp.resolve("x")).load(DataRequest(directory = dir))
        for ((split, images, labels) in listOf(
            Triple(data.train, FashionMnist.TRAIN_IMAGES, FashionMnist.TRAIN_LABELS),
            Triple(data.test, FashionMnist.TEST_IMAGES, FashionMnist.TEST_LABELS),
        )) {
            val expectedImages = extractImages(dir.resolve(images).toString())
            assertEquals(expectedImages.size, split.size)
            expectedImages.indices.forEach { assertArrayEquals(expectedImages[it], split.images[it], "$images[$it]") }
            assertArrayEquals(extractLabels(dir.resolve(labels).toString(), 10), split.labels, labels)
        }
    }

    @Test
    fun `a flipped byte in the compressed data is a corrupt file`() {
        val dir = copyOfSubset()
        val file = dir.resolve(FashionMnist.TEST_IMAGES)
        val bytes = Files.readAllBytes(file)
        bytes[bytes.size / 2] = (bytes[bytes.size / 2].toInt() xor 0xff).toByte()
        Files.write(file, bytes)
        assertNames(loadFails(dir), file, "the file is corrupt", "https://github.com/zalandoresearch/fashion-mnist")
    }

    @Test
    fun `a wrong checksum in the gzip trailer is a CRC mismatch`() {
        val dir = copyOfSubset()
        val file = dir.resolve(FashionMnist.TEST_IMAGES)
        val bytes = Files.readAllBytes(file)
        bytes[bytes.size - 8] = (bytes[bytes.size - 8].toInt() xor 0x01).toByte()
        Files.write(file, bytes)
        assertNames(loadFails(dir), file, "gzip CRC mismatch: the file is corrupt")
    }

    @Test
    fun `a damaged file in the installed directory says how to reinstall the package`() {
        val dir = copyOfSubset()
        val file = dir.resolve(FashionMnist.TEST_LABELS)
        val bytes = Files.readAllBytes(file)
        bytes[bytes.size - 5] = (bytes[bytes.size - 5].toInt() xor 0x01).toByte()
        Files.write(file, bytes)
        val e = assertThrows<DatasetCorruptException> { FashionMnistLoader(installedDirectory = dir).load(DataRequest.auto()) }
        assertNames(e, file, "gzip CRC mismatch", "apt-get install --reinstall dataset-fashion-mnist")
    }

    @Test
    fun `a truncated gzip file is incomplete`() {
        val dir = copyOfSubset()
        val file = dir.resolve(FashionMnist.TRAIN_IMAGES)
        Files.write(file, Files.readAllBytes(file).copyOf(100_000))
        assertNames(loadFails(dir), file, "truncated: the gzip stream ends early")
    }

    @Test
    fun `a file that is not gzip is named`() {
        val dir = copyOfSubset()
        val file = dir.resolve(FashionMnist.TRAIN_LABELS)
        Files.write(file, gunzip(file))
        assertNames(loadFails(dir), file, "not a gzip file")
    }

    @Test
    fun `images missing from the end of an intact gzip stream are a truncated file`() {
        val dir = copyOfSubset()
        rewrite(dir, FashionMnist.TEST_IMAGES) { it.copyOf(it.size - 784) }
        assertNames(loadFails(dir), dir.resolve(FashionMnist.TEST_IMAGES),
            "truncated: the header declares 1000 images (784016 bytes) but the file holds 783232 bytes")
    }

    @Test
    fun `bytes after the declared records are rejected`() {
        val dir = copyOfSubset()
        rewrite(dir, FashionMnist.TEST_LABELS) { it + byteArrayOf(1, 2, 3) }
        assertNames(loadFails(dir), dir.resolve(FashionMnist.TEST_LABELS), "3 bytes after the 1000 labels the header declares")
    }

    @Test
    fun `a wrong magic number is rejected`() {
        val dir = copyOfSubset()
        rewrite(dir, FashionMnist.TEST_IMAGES) { it.also { b -> b[3] = 0x01 } }
        assertNames(loadFails(dir), dir.resolve(FashionMnist.TEST_IMAGES),
            "wrong IDX magic number 0x00000801, expected 0x00000803 (images)")
    }

    @Test
    fun `images other than 28x28 are rejected`() {
        val dir = copyOfSubset()
        rewrite(dir, FashionMnist.TEST_IMAGES) { it.also { b -> ByteBuffer.wrap(b).putInt(12, 29) } }
        assertNames(loadFails(dir), dir.resolve(FashionMnist.TEST_IMAGES), "images of 28×29 pixels, expected 28×28")
    }

    @Test
    fun `a count in the header that disagrees with the data is rejected`() {
        val dir = copyOfSubset()
        rewrite(dir, FashionMnist.TEST_LABELS) { it.also { b -> ByteBuffer.wrap(b).putInt(4, 1001) } }
        assertNames(loadFails(dir), dir.resolve(FashionMnist.TEST_LABELS), "truncated: the header declares 1001 labels")
    }

    @Test
    fun `images and labels of a split must agree in count`() {
        val dir = copyOfSubset()
        rewrite(dir, FashionMnist.TEST_LABELS) { b -> b.copyOf(b.size - 1).also { ByteBuffer.wrap(it).putInt(4, 999) } }
        val images = dir.resolve(FashionMnist.TEST_IMAGES)
        assertNames(loadFails(dir), images, "holds 1000 images but ${dir.resolve(FashionMnist.TEST_LABELS)} holds 999 labels")
    }

    @Test
    fun `a label outside 0 to 9 is rejected`() {
        val dir = copyOfSubset()
        rewrite(dir, FashionMnist.TRAIN_LABELS) { it.also { b -> b[8 + 5] = 11 } }
        assertNames(loadFails(dir), dir.resolve(FashionMnist.TRAIN_LABELS), "label 11 of item 5 is outside 0..9")
    }
}
