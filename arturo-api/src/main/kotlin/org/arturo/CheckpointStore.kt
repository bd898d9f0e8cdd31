package org.arturo

import com.fasterxml.jackson.core.JacksonException
import com.fasterxml.jackson.databind.JsonNode
import com.fasterxml.jackson.databind.ObjectMapper
import com.fasterxml.jackson.databind.SerializationFeature
import java.io.IOException
import java.nio.ByteBuffer
import java.nio.channels.FileChannel
import java.nio.channels.OverlappingFileLockException
import java.nio.file.FileAlreadyExistsException
import java.nio.file.Files
import java.nio.file.NoSuchFileException
import java.nio.file.Path
import java.nio.file.StandardCopyOption
import java.nio.file.StandardOpenOption
import java.security.MessageDigest
import kotlin.io.path.isDirectory
import kotlin.io.path.isRegularFile
import kotlin.io.path.name

/** The moments of a save at which a test can interrupt it (each one after the named step is durable). */
internal enum class SavePhase { CONTENTS_WRITTEN, MANIFEST_WRITTEN, VERSION_RENAMED, POINTER_WRITTEN, POINTER_SWITCHED, PRUNED }

/**
 * The directory layout of checkpoints and the steps that make a save atomic:
 * ```
 * dir/CURRENT                "ckpt-7 sha256=<hash of ckpt-7/MANIFEST.json>"
 * dir/ckpt-7/MANIFEST.json   every other file of the version with its size and SHA-256
 * dir/ckpt-7/checkpoint.json the optimizer (name, configuration), the weights and the state variables
 * dir/ckpt-7/model/...       KotlinDL's own files (modelConfig.json, variableNames.txt, <variable>.txt)
 * dir/.lock                  held by the process that is saving
 * ```
 * A save writes a new version into `.tmp-ckpt-<n>`, fsyncs every file and directory, renames it to
 * `ckpt-<n>`, then replaces CURRENT by renaming `CURRENT.tmp` over it. Until that rename CURRENT names
 * the previous version, untouched; after it, the new one, complete. Older versions are removed only then,
 * and leftovers of an interrupted save (temporary directories, versions CURRENT never named) at the next save.
 */
internal class CheckpointStore(val root: Path) {
    class Entry(val path: String, val size: Long, val sha256: String)

    class Version(val number: Long, val dir: Path, val entries: List<Entry>) {
        val name: String get() = dir.name
    }

    /** Runs [block] holding the directory's save lock, so two saves into one directory never interleave. */
    fun <T> exclusively(block: () -> T): T {
        Files.createDirectories(root)
        FileChannel.open(root.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE).use { channel ->
            val lock = try {
                channel.tryLock()
            } catch (e: OverlappingFileLockException) {
                null
            } ?: throw CheckpointException(
                CheckpointProblem.SAVE_IN_PROGRESS,
                "another save into $root is in progress (it holds $root/$LOCK); wait for it to finish",
            )
            return lock.use { block() }
        }
    }

    /**
     * Writes a new version: [contents] fills a fresh temporary directory; then the manifest, the
     * rename, the pointer switch and the removal of all but the [keep] newest versions. [fault] is
     * called after each durable step (tests interrupt a save there).
     */
    fun write(keep: Int, fault: (SavePhase) -> Unit, contents: (Path) -> Unit): Version {
        removeLeftovers()
        val number = nextNumber()
        val temp = root.resolve("$TEMP_PREFIX$number")
        Files.createDirectory(temp)
        val entries: List<Entry>
        val manifest: ByteArray
        try {
            contents(temp)
            fault(SavePhase.CONTENTS_WRITTEN)

            entries = Files.walk(temp).use { paths ->
                paths.filter { it.isRegularFile() }.sorted().toList()
            }.map { file -> Entry(temp.relativize(file).joinToString("/"), Files.size(file), Durable.hashAndSync(file)) }
            manifest = manifestJson(entries)
            Durable.writeNew(temp.resolve(MANIFEST), manifest)
            Files.walk(temp).use { paths -> paths.filter { it.isDirectory() }.sorted(Comparator.reverseOrder()).toList() }
                .forEach(Durable::syncDirectory)
            fault(SavePhase.MANIFEST_WRITTEN)
        } catch (e: Throwable) {
            // A failure (not a kill) frees the space at once, e.g. on a full disk; the next save would remove it anyway.
            runCatching { Durable.deleteTree(temp) }.exceptionOrNull()?.let(e::addSuppressed)
            throw e
        }

        val version = root.resolve("$VERSION_PREFIX$number")
        Files.move(temp, version, StandardCopyOption.ATOMIC_MOVE)
        Durable.syncDirectory(root)
        fault(SavePhase.VERSION_RENAMED)

        val pointerTemp = root.resolve(POINTER_TEMP)
        Durable.writeNew(pointerTemp, "${version.name} sha256=${Durable.sha256(manifest)}\n".toByteArray(Charsets.UTF_8))
        fault(SavePhase.POINTER_WRITTEN)
        Files.move(pointerTemp, root.resolve(POINTER), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING)
        Durable.syncDirectory(root)
        fault(SavePhase.POINTER_SWITCHED)

        prune(number, keep)
        fault(SavePhase.PRUNED)
        return Version(number, version, entries)
    }

    /**
     * The version CURRENT names, checked file by file against its manifest and for the [required]
     * files (a model checkpoint's by default); null if there is no CURRENT.
     */
    fun current(required: List<String> = listOf(DESCRIPTION, "$MODEL_DIR/$KOTLINDL_NAMES")): Version? {
        val pointer = root.resolve(POINTER)
        val text = try {
            Files.readString(pointer, Charsets.UTF_8)
        } catch (e: NoSuchFileException) {
            return null
        }
        val match = POINTER_LINE.matchEntire(text.trim())
            ?: corrupt("$pointer does not name a version (it reads \"${text.trim().take(80)}\")")
        val dir = root.resolve(match.groupValues[1])
        val manifestFile = dir.resolve(MANIFEST)
        if (!dir.isDirectory()) incomplete("$pointer names ${dir.name}, but $dir does not exist")
        val manifest = try {
            Files.readAllBytes(manifestFile)
        } catch (e: NoSuchFileException) {
            incomplete("$manifestFile is missing")
        }
        if (Durable.sha256(manifest) != match.groupValues[3]) {
            corrupt("$manifestFile does not have the SHA-256 that $pointer records: the file was changed after the save")
        }
        val entries = parseManifest(manifest, manifestFile)
        for (entry in entries) {
            val file = dir.resolve(entry.path)
            if (!file.isRegularFile()) incomplete("$file is missing (the manifest lists it)")
            val size = Files.size(file)
            if (size != entry.size) incomplete("$file has $size bytes, the manifest records ${entry.size}")
            if (Durable.hash(file) != entry.sha256) corrupt("$file does not have the SHA-256 the manifest records: it was changed after the save")
        }
        for (file in required) {
            if (entries.none { it.path == file }) incomplete("$manifestFile does not list $file")
        }
        return Version(match.groupValues[2].toLong(), dir, entries)
    }

    /** What a save interrupted before its first version left behind (temporary directories), for messages. */
    fun interruptedSaves(): List<String> = list().filter { it.startsWith(TEMP_PREFIX) }

    private fun list(): List<String> =
        if (!root.isDirectory()) emptyList() else Files.list(root).use { s -> s.map { it.name }.sorted().toList() }

    private fun versionNumbers(): List<Long> = list().mapNotNull { VERSION_NAME.matchEntire(it)?.groupValues?.get(1)?.toLongOrNull() }

    private fun nextNumber(): Long {
        val pointed = try {
            POINTER_LINE.matchEntire(Files.readString(root.resolve(POINTER)).trim())?.groupValues?.get(2)?.toLong()
        } catch (e: NoSuchFileException) {
            null
        }
        return (versionNumbers() + listOfNotNull(pointed)).maxOrNull()?.plus(1) ?: 1
    }

    private fun removeLeftovers() {
        for (name in list()) {
            if (name.startsWith(TEMP_PREFIX) || name.startsWith(TRASH_PREFIX) || name == POINTER_TEMP) {
                Durable.deleteTree(root.resolve(name))
            }
        }
    }

    /** Removes every version but [current] and the [keep] − 1 newest before it; each is renamed away first, so no half-deleted directory keeps a version's name. */
    private fun prune(current: Long, keep: Int) {
        val kept = (versionNumbers().filter { it < current }.sortedDescending().take(keep - 1) + current).toSet()
        for (number in versionNumbers().filter { it !in kept }) {
            val trash = root.resolve("$TRASH_PREFIX$number")
            try {
                Files.move(root.resolve("$VERSION_PREFIX$number"), trash, StandardCopyOption.ATOMIC_MOVE)
            } catch (e: FileAlreadyExistsException) {
                Durable.deleteTree(trash)
                Files.move(root.resolve("$VERSION_PREFIX$number"), trash, StandardCopyOption.ATOMIC_MOVE)
            }
            Durable.deleteTree(trash)
        }
    }

    private fun manifestJson(entries: List<Entry>): ByteArray {
        val node = JSON.createObjectNode()
        node.put("format", MANIFEST_FORMAT)
        val files = node.putArray("files")
        for (e in entries) files.addObject().put("path", e.path).put("size", e.size).put("sha256", e.sha256)
        return JSON.writeValueAsBytes(node)
    }

    private fun parseManifest(bytes: ByteArray, file: Path): List<Entry> {
        val node = readJson(bytes, file)
        if (node.path("format").asText() != MANIFEST_FORMAT) corrupt("$file is not a manifest of format $MANIFEST_FORMAT")
        val files = node.path("files")
        if (!files.isArray) corrupt("$file has no list of files")
        return files.map { f ->
            val path = f.path("path").asText("")
            val size = f.path("size")
            val hash = f.path("sha256").asText("")
            if (path.isEmpty() || path.startsWith("/") || path.split('/').any { it == ".." || it.isEmpty() } ||
                !size.canConvertToLong() || !SHA256.matches(hash)
            ) {
                corrupt("$file has an invalid entry: $f")
            }
            Entry(path, size.asLong(), hash)
        }
    }

    companion object {
        const val POINTER: String = "CURRENT"
        const val POINTER_TEMP: String = "CURRENT.tmp"
        const val LOCK: String = ".lock"
        const val VERSION_PREFIX: String = "ckpt-"
        const val TEMP_PREFIX: String = ".tmp-ckpt-"
        const val TRASH_PREFIX: String = ".trash-ckpt-"
        const val MANIFEST: String = "MANIFEST.json"
        const val DESCRIPTION: String = "checkpoint.json"
        const val MODEL_DIR: String = "model"
        const val KOTLINDL_NAMES: String = "variableNames.txt"
        const val MANIFEST_FORMAT: String = "arturo-checkpoint-manifest/1"

        private val POINTER_LINE = Regex("($VERSION_PREFIX([0-9]{1,18})) sha256=([0-9a-f]{64})")
        private val VERSION_NAME = Regex("$VERSION_PREFIX([0-9]{1,18})")
        private val SHA256 = Regex("[0-9a-f]{64}")

        val JSON: ObjectMapper = ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)

        fun readJson(bytes: ByteArray, file: Path): JsonNode = try {
            JSON.readTree(bytes) ?: corrupt("$file is empty")
        } catch (e: JacksonException) {
            corrupt("$file is not valid JSON: ${e.originalMessage}")
        }

        fun corrupt(message: String): Nothing = throw CheckpointException(CheckpointProblem.CORRUPT, message)

        fun incomplete(message: String): Nothing = throw CheckpointException(CheckpointProblem.INCOMPLETE, message)
    }
}

/** Writes that reach the disk before the next step relies on them: every file and directory is fsynced. */
internal object Durable {
    /** Creates [file] with [bytes] and fsyncs it. */
    fun writeNew(file: Path, bytes: ByteArray) {
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).use { channel ->
            val buffer = ByteBuffer.wrap(bytes)
            while (buffer.hasRemaining()) channel.write(buffer)
            channel.force(true)
        }
    }

    /** The SHA-256 of [file] (hex); fsyncs it on the way, so a file written by someone else is durable too. */
    fun hashAndSync(file: Path): String = FileChannel.open(file, StandardOpenOption.READ).use { channel ->
        val hash = digest(channel)
        channel.force(true)
        hash
    }

    fun hash(file: Path): String = FileChannel.open(file, StandardOpenOption.READ).use(::digest)

    fun sha256(bytes: ByteArray): String = hex(MessageDigest.getInstance("SHA-256").digest(bytes))

    private fun digest(channel: FileChannel): String {
        val digest = MessageDigest.getInstance("SHA-256")
        val buffer = ByteBuffer.allocate(1 shl 16)
        while (channel.read(buffer) >= 0) {
            buffer.flip()
            digest.update(buffer)
            buffer.clear()
        }
        return hex(digest.digest())
    }

    private fun hex(bytes: ByteArray): String = bytes.joinToString("") { "%02x".format(it) }

    /**
     * Fsyncs a directory, so the names created or renamed in it are durable. Where a directory cannot
     * be opened (Windows), the file system journals renames itself and this does nothing.
     */
    fun syncDirectory(dir: Path) {
        try {
            FileChannel.open(dir, StandardOpenOption.READ).use { it.force(true) }
        } catch (e: IOException) {
            if (!System.getProperty("os.name").startsWith("Windows")) throw e
        }
    }

    /** Deletes [path] and everything under it; a missing path is fine. */
    fun deleteTree(path: Path) {
        if (!Files.exists(path)) return
        Files.walk(path).use { paths -> paths.sorted(Comparator.reverseOrder()).toList() }
            .forEach { Files.deleteIfExists(it) }
    }
}
