package org.arturo.samples.data

import java.io.BufferedInputStream
import java.io.EOFException
import java.io.InputStream
import java.nio.ByteBuffer
import java.util.zip.GZIPInputStream
import java.util.zip.ZipException

/**
 * One gzipped IDX file of Fashion-MNIST, checked in full before any of it is used: a damaged file
 * is an error that names it, never a dataset that silently trains to the wrong accuracy.
 *
 * The file is decompressed to its end in one pass, so [GZIPInputStream] checks the CRC-32 and
 * length in the gzip trailer; then the IDX header is checked (magic number, count, 28×28 images,
 * labels 0–9) and the payload must hold exactly what the header declares. The values are scaled as
 * KotlinDL's `extractImages`/`extractLabels` scale them (pixel / 255, label as a float), so results
 * are the same as with KotlinDL's readers.
 */
internal class IdxFile(
    /** How errors name the file: its path, or the resource of the embedded subset. */
    val name: String,
    /** How to get an intact copy; ends every error about this file. */
    private val remedy: String,
    private val open: () -> InputStream,
) {
    /** The images, each a row-major 28×28 vector of pixel / 255. */
    fun readImages(): Array<FloatArray> {
        val bytes = gunzip()
        checkHeader(bytes, IMAGES_MAGIC, IMAGES_HEADER_BYTES, "images")
        val count = bytes.intAt(4)
        val rows = bytes.intAt(8)
        val columns = bytes.intAt(12)
        if (rows != FashionMnist.IMAGE_SIZE || columns != FashionMnist.IMAGE_SIZE) {
            fail("the header declares images of $rows×$columns pixels, expected 28×28")
        }
        val pixels = rows * columns
        checkLength(bytes, IMAGES_HEADER_BYTES, count, pixels, "images")
        return Array(count) { i ->
            val offset = IMAGES_HEADER_BYTES + i * pixels
            FloatArray(pixels) { j -> (bytes[offset + j].toInt() and 0xff) / 255f }
        }
    }

    /** The labels, each a class index 0–9 as a float. */
    fun readLabels(): FloatArray {
        val bytes = gunzip()
        checkHeader(bytes, LABELS_MAGIC, LABELS_HEADER_BYTES, "labels")
        val count = bytes.intAt(4)
        checkLength(bytes, LABELS_HEADER_BYTES, count, 1, "labels")
        return FloatArray(count) { i ->
            val label = bytes[LABELS_HEADER_BYTES + i].toInt() and 0xff
            if (label >= FashionMnist.NUM_CLASSES) fail("label $label of item $i is outside 0..9")
            label.toFloat()
        }
    }

    /** An error naming this file; [problem] says what is wrong, the remedy follows. */
    fun fail(problem: String, cause: Throwable? = null): Nothing =
        throw DatasetCorruptException(name, "$problem; $remedy", cause)

    /** Every decompressed byte. Reading to the end makes GZIPInputStream verify the trailer. */
    private fun gunzip(): ByteArray = try {
        GZIPInputStream(BufferedInputStream(open(), BUFFER_BYTES), BUFFER_BYTES).use { it.readAllBytes() }
    } catch (e: EOFException) {
        fail("truncated: the gzip stream ends early, the file is incomplete", e)
    } catch (e: ZipException) {
        when (e.message) {
            "Not in GZIP format" -> fail("not a gzip file", e)
            "Corrupt GZIP trailer" -> fail("gzip CRC mismatch: the file is corrupt", e)
            else -> fail("gzip data error (${e.message}): the file is corrupt", e)
        }
    }

    private fun checkHeader(bytes: ByteArray, magic: Int, headerBytes: Int, what: String) {
        if (bytes.size < headerBytes) {
            fail("truncated: ${bytes.size} bytes, shorter than the $headerBytes-byte IDX header of $what")
        }
        val found = bytes.intAt(0)
        if (found != magic) {
            fail(String.format("wrong IDX magic number 0x%08x, expected 0x%08x (%s)", found, magic, what))
        }
    }

    private fun checkLength(bytes: ByteArray, headerBytes: Int, count: Int, recordBytes: Int, what: String) {
        if (count < 1) fail("the header declares $count $what")
        val expected = headerBytes + count.toLong() * recordBytes
        val actual = bytes.size.toLong()
        when {
            actual < expected -> fail("truncated: the header declares $count $what ($expected bytes) " +
                "but the file holds $actual bytes")
            actual > expected -> fail("${actual - expected} bytes after the $count $what the header declares")
        }
    }

    private fun ByteArray.intAt(offset: Int): Int = ByteBuffer.wrap(this, offset, 4).int

    companion object {
        /** IDX magic: unsigned bytes, three dimensions (count, rows, columns). */
        const val IMAGES_MAGIC = 0x00000803

        /** IDX magic: unsigned bytes, one dimension (count). */
        const val LABELS_MAGIC = 0x00000801

        private const val IMAGES_HEADER_BYTES = 16
        private const val LABELS_HEADER_BYTES = 8
        private const val BUFFER_BYTES = 1 shl 16
    }
}
