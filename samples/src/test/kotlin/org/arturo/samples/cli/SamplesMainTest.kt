package org.arturo.samples.cli

import org.arturo.samples.SamplesMain
import org.arturo.samples.data.FashionMnist
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import org.junit.jupiter.params.ParameterizedTest
import org.junit.jupiter.params.provider.ValueSource
import java.io.PrintWriter
import java.io.StringWriter
import java.nio.file.Files
import java.nio.file.Path

class SamplesMainTest {
    @TempDir
    lateinit var temp: Path

    private class Run(val code: Int, val out: String, val err: String)

    private fun execute(vararg args: String): Run {
        val out = StringWriter()
        val err = StringWriter()
        val code = SamplesMain.commandLine().setErr(PrintWriter(err)).setOut(PrintWriter(out)).execute(*args)
        return Run(code, out.toString(), err.toString())
    }

    /** A user error: one line, `error: ...`, no stack trace, the given exit code. */
    private fun assertOneLineError(run: Run, code: Int, vararg expected: String) {
        assertEquals(code, run.code, run.err)
        val lines = run.err.trim().lines()
        assertEquals(1, lines.size, "one line expected:\n${run.err}")
        assertTrue(lines[0].startsWith("error: "), run.err)
        expected.forEach { assertTrue(lines[0].contains(it), "expected '$it' in: ${run.err}") }
        assertFalse(run.err.contains("Exception"), run.err)
    }

    /** Would fail with a data error (quickly, without training) if the option under test were not checked first. */
    private val noData = arrayOf("--data", "/nonexistent/fashion")

    @Test
    fun `a missing data directory is a clear error with install instructions, not a stack trace`() {
        val run = execute("java-graph", "--data", "/nonexistent/fashion")
        assertEquals(2, run.code)
        assertTrue(run.err.contains("error: --data /nonexistent/fashion: no such directory"), run.err)
        assertTrue(run.err.contains("apt-get install dataset-fashion-mnist"), run.err)
    }

    @Test
    fun `bad options are rejected with the option named`() {
        assertOneLineError(execute("benchmark", "--steps", "5"), 2, "--steps must be at least 30 for a meaningful median, was 5")
        assertOneLineError(execute("benchmark", "--step-optimizers", "arTuRO exact (native),Lion"), 2,
            "--step-optimizers: no optimizer named \"Lion\"", "\"arTuRO exact (native)\"")
    }

    @ParameterizedTest
    @ValueSource(strings = ["quickstart", "compare", "ablations"])
    fun `every training option is checked before any data is loaded, named as typed`(command: String) {
        val cases = listOf(
            listOf("--epochs", "0") to "--epochs must be at least 1, was 0",
            listOf("--batch-size", "0") to "--batch-size must be at least 1, was 0",
            listOf("--train-limit", "0") to "--train-limit must be at least 1, was 0",
            listOf("--test-limit", "-3") to "--test-limit must be at least 1, was -3",
            listOf("--train-eval-size", "-1") to "--train-eval-size must be at least 0 (0 = all training images), was -1",
        )
        for ((args, message) in cases) {
            assertOneLineError(execute(command, *noData, *args.toTypedArray()), 2, message)
        }
        assertOneLineError(execute(command, "--subset", "--data", "/nonexistent/fashion"), 2, "--subset and --data cannot be combined")
        assertOneLineError(execute(command, "--subset", "--full"), 2, "--subset and --full cannot be combined")
    }

    @Test
    fun `the samples' own options are checked before any data is loaded`() {
        assertOneLineError(execute("compare", *noData, "--optimizers", "adam,lion"), 2,
            "--optimizers: unknown optimizer 'lion'; valid: arturo-exact,arturo-bisection,sgd,adam,adamw")
        assertOneLineError(execute("compare", *noData, "--optimizers", "adam,sgd,adam"), 2, "--optimizers: 'adam' is listed 2 times")
        assertOneLineError(execute("ablations", *noData, "--fixed-eta", "-1"), 2, "--fixed-eta must be a positive finite number, was -1.0")
        assertOneLineError(execute("java-graph", *noData, "--epochs", "0"), 2, "--epochs must be at least 1, was 0")
        assertOneLineError(execute("java-graph", *noData, "--batch-size", "0"), 2, "--batch-size must be at least 1, was 0")
        assertOneLineError(execute("java-graph", *noData, "--train-limit", "0"), 2, "--train-limit must be at least 1, was 0")
        assertOneLineError(execute("benchmark", *noData, "--warmup", "-1"), 2, "--warmup must be at least 0, was -1")
        assertOneLineError(execute("benchmark", *noData, "--cnn-steps", "10"), 2, "--cnn-steps must be 0 or at least 30")
        assertOneLineError(execute("benchmark", *noData, "--mlp-epochs", "-1"), 2, "--mlp-epochs must be at least 0")
        assertOneLineError(execute("benchmark", *noData, "--sizes", "10"), 2, "--sizes: each must be at least")
        assertOneLineError(execute("benchmark", *noData, "--train-limit", "100"), 2, "--train-limit must be at least 255")
        assertOneLineError(execute("ellipsoidal", *noData, "--seeds", "0"), 2, "--seeds must be at least 1, was 0")
        assertOneLineError(execute("ellipsoidal", *noData, "--backprops", "0"), 2, "--backprops must be at least 1, was 0")
        assertOneLineError(execute("ellipsoidal", *noData, "--batch-size", "0"), 2, "--batch-size must be at least 1, was 0")
        assertOneLineError(execute("cabs", *noData, "--micro-batches", "1"), 2, "--micro-batches must be in [2, 16], was 1")
        assertOneLineError(execute("cabs", *noData, "--batch-sizes", "32,4000"), 2, "--batch-sizes: 4000 is outside [4, 2048]")
        assertOneLineError(execute("ellipsoidal", *noData, "--baseline-batch-size", "-2"), 2, "--baseline-batch-size must be at least 1, was -2")
        assertOneLineError(execute("ellipsoidal", *noData, "--eval-every", "0"), 2, "--eval-every must be at least 1, was 0")
        assertOneLineError(execute("ellipsoidal", *noData, "--methods", "tr-rms,lbfgs"), 2,
            "--methods: unknown method 'lbfgs'; valid: tr-rms,tr-ada,tr-uni,sgd,adam")
        assertOneLineError(execute("ellipsoidal", *noData, "--methods", "sgd,tr-uni,SGD"), 2, "--methods: 'sgd' is listed 2 times")
        assertOneLineError(execute("ellipsoidal", *noData, "--train-limit", "0"), 2, "--train-limit must be at least 1, was 0")
    }

    @Test
    fun `picocli's own parameter errors keep their usage message`() {
        val run = execute("quickstart", "--epochs", "many")
        assertEquals(2, run.code)
        assertTrue(run.err.contains("Invalid value for option '--epochs': 'many' is not an int"), run.err)
        assertTrue(run.err.contains("Usage: arturo-samples quickstart"), run.err)
        val solver = execute("java-graph", "--solver", "fixed")
        assertEquals(2, solver.code)
        assertTrue(solver.err.contains("expected one of [EXACT, BISECTION]"), solver.err)
    }

    @Test
    fun `an output directory that cannot be created fails before the data is loaded`() {
        val file = Files.writeString(temp.resolve("a-file"), "x")
        val out = file.resolve("results")
        assertOneLineError(execute("quickstart", *noData, "--out", out.toString()), 2, "--out $out: cannot create the directory")
        assertOneLineError(execute("benchmark", *noData, "--out", out.toString()), 2, "--out $out: cannot create the directory")
        if (Files.isDirectory(Path.of("/proc/self"))) {
            assertOneLineError(execute("compare", *noData, "--out", "/proc/x"), 2, "--out /proc/x: cannot create the directory")
        }
    }

    @Test
    fun `a writable output directory is created before the data is loaded`() {
        val out = temp.resolve("new/results")
        val run = execute("quickstart", *noData, "--out", out.toString())
        assertTrue(run.err.contains("error: --data /nonexistent/fashion: no such directory"), run.err)
        assertTrue(Files.isDirectory(out))
        Files.list(out).use { assertEquals(0, it.count(), "the probe file is deleted") }
    }

    @Test
    fun `a corrupt dataset is a one-line error naming the file`() {
        val dir = Files.createDirectories(temp.resolve("data"))
        for (name in FashionMnist.FILES) {
            javaClass.getResourceAsStream("/fashion-mnist-subset/$name")!!.use { Files.copy(it, dir.resolve(name)) }
        }
        val file = dir.resolve(FashionMnist.TEST_IMAGES)
        val bytes = Files.readAllBytes(file)
        bytes[bytes.size - 6] = (bytes[bytes.size - 6].toInt() xor 0x40).toByte()
        Files.write(file, bytes)
        assertOneLineError(execute("java-graph", "--data", dir.toString()), 1, "error: $file: gzip CRC mismatch: the file is corrupt")
    }

    @Test
    fun `plot of a missing file names it`() {
        assertOneLineError(execute("plot", "/nonexistent.csv"), 2, "/nonexistent.csv: no such file")
        val notCsv = Files.writeString(temp.resolve("notes.csv"), "hello\n")
        assertOneLineError(execute("plot", notCsv.toString()), 2, "$notCsv is not a samples CSV")
    }

    @Test
    fun `-V and --version print the project version, for every command`() {
        val version = SamplesVersion.projectVersion()
        assertTrue(version != null && Regex("""\d+\.\d+\.\d+(-SNAPSHOT)?""").matches(version), "version $version")
        for (args in listOf(arrayOf("-V"), arrayOf("--version"), arrayOf("quickstart", "-V"), arrayOf("plot", "--version"))) {
            val run = execute(*args)
            assertEquals(0, run.code, run.err)
            assertTrue(run.out.startsWith("arturo-samples $version\n"), run.out)
        }
    }

    @Test
    fun `the command list shows each command's whole one-sentence summary`() {
        val main = SamplesMain.commandLine()
        val usage = main.usageMessage.replace(Regex("\\s+"), " ")
        assertEquals(11, main.subcommands.size)
        for ((name, sub) in main.subcommands) {
            val summary = sub.commandSpec.usageMessage().description()[0]
            assertTrue(summary.endsWith("."), "$name: '$summary' is not a sentence")
            assertTrue(summary.length <= 64, "$name: '$summary' does not fit the command list")
            assertTrue(usage.contains("$name $summary"), "$name: '$summary' not whole in:\n${main.usageMessage}")
        }
    }
}
