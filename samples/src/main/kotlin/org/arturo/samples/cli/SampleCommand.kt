package org.arturo.samples.cli

import org.arturo.samples.data.FashionMnist
import org.arturo.samples.training.TrainingPlan
import picocli.CommandLine.Mixin
import java.io.IOException
import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.Callable

/**
 * A KotlinDL training sample: the shared data, training and output options, then [run] with the
 * loaded data and the training plan for [epochs].
 *
 * [call] checks every option and makes sure the output directory can be written ([validate]) before
 * any data is loaded, so a typo fails in a second instead of after a training run.
 */
abstract class SampleCommand(defaultOutput: String) : Callable<Int> {
    @Mixin
    val data = DataOptions()

    @Mixin
    val training = TrainingOptions()

    @Mixin
    val output = OutputOptions(defaultOutput)

    /** Epochs per run; each command declares its own option and default. */
    abstract val epochs: Int

    abstract fun run(dataset: FashionMnist, plan: TrainingPlan, outputDirectory: Path)

    /** Checks of the command's own options; [validate] runs them with the shared ones. */
    protected open fun validateOwnOptions() {}

    /** Every option in range and the output directory writable, or an [InvalidOptionException]. */
    fun validate() {
        requireAtLeast("--epochs", epochs, 1)
        data.validate()
        training.validate()
        validateOwnOptions()
        output.prepare()
    }

    override fun call(): Int {
        validate()
        val dataset = data.load()
        run(dataset, training.plan(epochs, dataset), output.directory)
        return 0
    }
}

/**
 * A command-line value out of its range, or options that cannot be combined. The message names the
 * options as typed (`--batch-size`, not the field behind it), the value and what is valid; the CLI
 * prints it as one line and exits with 2.
 */
class InvalidOptionException(message: String) : RuntimeException(message)

/** Fails with [message] unless [condition] holds. */
inline fun requireOption(condition: Boolean, message: () -> String) {
    if (!condition) throw InvalidOptionException(message())
}

/** Fails unless [value] of [option] is at least [min]; [why] explains the bound when it is not obvious. */
fun requireAtLeast(option: String, value: Int, min: Int, why: String = "") =
    requireOption(value >= min) { "$option must be at least $min${if (why.isEmpty()) "" else " $why"}, was $value" }

/**
 * Creates [directory] (with its parents) and writes and deletes a probe file in it, so an output
 * location that cannot be written fails before any data is loaded or any model trained.
 */
fun requireWritableDirectory(option: String, directory: Path): Path {
    try {
        Files.createDirectories(directory)
    } catch (e: IOException) {
        throw InvalidOptionException("$option $directory: cannot create the directory (${describe(e, directory)})")
    }
    val probe = directory.resolve(".arturo-write-probe-${ProcessHandle.current().pid()}")
    try {
        Files.write(probe, byteArrayOf(0))
        Files.delete(probe)
    } catch (e: IOException) {
        throw InvalidOptionException("$option $directory: cannot write files there (${describe(e, directory)})")
    }
    return directory
}
