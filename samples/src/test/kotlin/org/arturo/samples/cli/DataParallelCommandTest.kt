package org.arturo.samples.cli

import org.arturo.samples.SamplesMain
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.io.PrintWriter
import java.io.StringWriter

/** The data-parallel launcher's bad inputs: each a one-line error naming the option, before any process starts. */
class DataParallelCommandTest {
    private fun execute(vararg args: String): Pair<Int, String> {
        val err = StringWriter()
        val code = SamplesMain.commandLine().setErr(PrintWriter(err)).setOut(PrintWriter(StringWriter())).execute(*args)
        return code to err.toString()
    }

    /** With a nonexistent --data, an option that were not checked first would fail on the data instead. */
    private val noData = arrayOf("--data", "/nonexistent/fashion")

    @Test
    fun `every bad option is rejected with the option, the value and the valid range`() {
        val cases = listOf(
            listOf("--workers", "0") to "--workers must be in [1, 64], was 0",
            listOf("--workers", "65") to "--workers must be in [1, 64], was 65",
            listOf("--steps", "0") to "--steps must be at least 1, was 0",
            listOf("--workers", "4", "--batch-size", "3") to "--batch-size must be in [4, 60000] (at least one example per worker), was 3",
            listOf("--hidden", "0") to "--hidden: 0 is outside [1, 65536]",
            listOf("--tolerance", "0") to "--tolerance must be a positive finite number, was 0.0",
            listOf("--tolerance", "NaN") to "--tolerance must be a positive finite number, was NaN",
            listOf("--start-timeout", "0") to "--start-timeout must be in [1, 86400] seconds, was 0",
            listOf("--step-timeout", "-1") to "--step-timeout must be in [1, 86400] seconds, was -1",
            listOf("--base-port", "0") to "--base-port must be in [1, 65533] for 2 workers, was 0",
            listOf("--base-port", "65534") to "--base-port must be in [1, 65533] for 2 workers, was 65534",
            listOf("--model", "cnn", "--check") to "--check with --model cnn needs --no-dropout",
            listOf("--no-dropout") to "--no-dropout applies to --model cnn only",
            listOf("--ps", "127.0.0.1:2222") to "--ps and --worker-hosts go together",
            listOf("--worker-hosts", "127.0.0.1:2223") to "--ps and --worker-hosts go together",
            listOf("--ps", "nohost", "--worker-hosts", "127.0.0.1:2223") to "--ps: 'nohost' is not host:port",
            listOf("--ps", "h:70000", "--worker-hosts", "127.0.0.1:2223") to "--ps: port: 70000 is outside [1, 65535]",
            listOf("--ps", "h:2222", "--worker-hosts", "h:x") to "--worker-hosts: 'h:x': port 'x' is not a number in [1, 65535]",
            listOf("--ps", "h:2222", "--worker-hosts", "h:2223,h:2223") to "--worker-hosts: workers: h:2223 is listed twice",
            listOf("--ps", "h:2222", "--worker-hosts", "h:2222") to "--worker-hosts: workers: h:2222 is listed twice",
            listOf("--ps", "h:2222", "--worker-hosts", "h:2223", "--workers", "2") to "--workers 2 does not match the 1 --worker-hosts",
            listOf("--ps", "h:2222", "--worker-hosts", "h:2223", "--base-port", "3000") to "--base-port is for a loopback cluster",
        )
        for ((args, expected) in cases) {
            val (code, err) = execute("data-parallel", *args.toTypedArray(), *noData)
            assertEquals(2, code, "$args: $err")
            val lines = err.trim().lines()
            assertEquals(1, lines.size, "$args: one line expected:\n$err")
            assertTrue(lines[0].startsWith("error: ") && lines[0].contains(expected), "$args: expected '$expected' in: $err")
            assertFalse(err.contains("Exception"), err)
        }
    }

    @Test
    fun `an unknown model or optimizer is picocli's usage error naming the choices`() {
        for ((option, choices) in listOf("--model" to "[MLP, CNN]", "--optimizer" to "[ARTURO, ADAM, SGD]")) {
            val (code, err) = execute("data-parallel", option, "resnet", *noData)
            assertEquals(2, code, err)
            assertTrue(err.contains("Invalid value for option '$option': expected one of $choices"), err)
        }
    }

    @Test
    fun `a task's bad job or index is rejected before its server starts`() {
        val base = arrayOf("--ps", "127.0.0.1:2222", "--worker-hosts", "127.0.0.1:2223,127.0.0.1:2224")
        val cases = listOf(
            arrayOf("--job", "chief") to "--job must be ps or worker, was chief",
            arrayOf("--job", "worker", "--task", "2") to "--task must be in [0, 1] for job worker, was 2",
            arrayOf("--job", "ps", "--task", "1") to "--task must be in [0, 0] for job ps, was 1",
        )
        for ((args, expected) in cases) {
            val (code, err) = execute("data-parallel-task", *args, *base)
            assertEquals(2, code, err)
            assertTrue(err.trim().startsWith("error: ") && err.contains(expected), "expected '$expected' in: $err")
        }
    }
}
