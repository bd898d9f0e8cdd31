package org.arturo.samples.cli

import org.arturo.samples.SamplesMain
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.io.PrintWriter
import java.io.StringWriter

class SamplesMainTest {
    private fun execute(vararg args: String): Pair<Int, String> {
        val err = StringWriter()
        val code = SamplesMain.commandLine().setErr(PrintWriter(err)).setOut(PrintWriter(StringWriter())).execute(*args)
        return code to err.toString()
    }

    @Test
    fun `a missing data directory is a clear error with install instructions, not a stack trace`() {
        val (code, err) = execute("java-graph", "--data", "/nonexistent/fashion")
        assertEquals(2, code)
        assertTrue(err.contains("error: --data /nonexistent/fashion: no such directory"), err)
        assertTrue(err.contains("apt-get install dataset-fashion-mnist"), err)
    }

    @Test
    fun `bad options are rejected with the option named`() {
        val (code, err) = execute("benchmark", "--steps", "5")
        assertEquals(2, code)
        assertTrue(err.contains("--steps must be at least 30"), err)
    }
}
