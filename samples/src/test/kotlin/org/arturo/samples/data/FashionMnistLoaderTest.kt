package org.arturo.samples.data

import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Assumptions.assumeTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import org.junit.jupiter.api.io.TempDir
import java.nio.file.Files
import java.nio.file.Path
import java.util.zip.GZIPInputStream

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
}
