package org.arturo.samples.cli

import org.arturo.samples.data.DatasetCorruptException
import org.arturo.samples.data.DatasetNotFoundException
import org.arturo.training.distributed.DistributedException
import picocli.CommandLine
import java.io.IOException
import java.io.UncheckedIOException
import java.nio.file.AccessDeniedException
import java.nio.file.FileAlreadyExistsException
import java.nio.file.FileSystemException
import java.nio.file.NoSuchFileException
import java.nio.file.NotDirectoryException
import java.nio.file.Path

/**
 * The errors a user can cause or fix, as the CLI reports them: one line, `error: <message>`, and an
 * exit code; no stack trace. Anything else is a bug and keeps its stack trace.
 */
object CliErrors {
    /** A value or combination of options the user typed: exit code 2, like picocli's own usage errors. */
    const val USAGE = CommandLine.ExitCode.USAGE

    /** The command was right but its data or files are not (corrupt dataset, unwritable file): exit code 1. */
    const val FAILED = CommandLine.ExitCode.SOFTWARE

    /** The exit code and one-line message for [e], or null when [e] is not a user error. */
    fun describe(e: Throwable): Pair<Int, String>? = when (e) {
        is InvalidOptionException, is DatasetNotFoundException -> USAGE to e.message.orEmpty()
        // The options are checked before any work; a bare IllegalArgumentException still is a value the user chose.
        is IllegalArgumentException -> USAGE to e.message.orEmpty()
        is DatasetCorruptException -> FAILED to e.message.orEmpty()
        // A cluster that would not start, a port taken, a task lost mid-run, a run that diverged.
        is DistributedException -> FAILED to e.message.orEmpty()
        is FileSystemException -> FAILED to (e.file?.let { "$it: " }.orEmpty() + describe(e, null))
        is UncheckedIOException -> e.cause?.let(::describe)
        is IOException -> FAILED to (e.message ?: e.javaClass.simpleName)
        else -> null
    }

    /** Prints user errors as one line and returns their exit code; rethrows anything else. */
    val handler = CommandLine.IExecutionExceptionHandler { e, cmd, _ ->
        val (code, message) = describe(e) ?: throw e
        cmd.err.println("error: $message")
        cmd.err.flush()
        code
    }
}

/** Why an I/O operation on [target] failed, in words; names the file that failed when it is not [target]. */
fun describe(e: IOException, target: Path?): String {
    val reason = when (e) {
        is NoSuchFileException -> "no such file or directory"
        is AccessDeniedException -> "permission denied"
        is FileAlreadyExistsException -> "a file of that name exists and is not a directory"
        is NotDirectoryException -> "not a directory"
        is FileSystemException -> e.reason ?: e.javaClass.simpleName
        else -> e.message ?: e.javaClass.simpleName
    }
    val file = (e as? FileSystemException)?.file
    return if (file == null || target == null || file == target.toString()) reason else "$file: $reason"
}
