package org.arturo.samples.distributed

import org.arturo.samples.TinyData
import org.arturo.training.distributed.DistributedException
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import java.io.ByteArrayOutputStream
import java.io.PrintStream
import java.net.InetAddress
import java.net.ServerSocket
import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration

/** The launcher end to end: task processes on loopback, training, the check against one process. */
class DataParallelSampleTest {
    @TempDir
    lateinit var temp: Path

    private fun settings(source: ClusterSource, steps: Int = 20) = DataParallelSettings(
        source, steps, globalBatch = 64, model = DataParallelModel.MLP, hidden = listOf(32), dropout = true, optimizer = DataParallelOptimizer.ARTURO, seed = 5,
        check = true, tolerance = 1e-5, startTimeout = Duration.ofSeconds(90), stepTimeout = Duration.ofSeconds(60), output = temp)

    @Test
    fun `two worker processes and a parameter server train as one process does and report the difference`() {
        val printed = ByteArrayOutputStream()
        val result = dataParallelSample(TinyData.slice(512, 64), settings(ClusterSource.Loopback(2, null)), PrintStream(printed, true))
        val difference = checkNotNull(result.maxRelativeDifference) { "--check gives a difference" }
        assertTrue(difference <= 1e-5, "difference $difference")
        assertTrue(result.lastLoss < result.firstLoss, "loss ${result.firstLoss} -> ${result.lastLoss}")
        assertTrue(result.examplesPerSecond > 0)
        val text = printed.toString()
        assertTrue(text.contains("max relative difference vs single process: "), text)
        assertTrue(text.contains("throughput: "), text)
        // Each task logged to its own file.
        for (log in listOf("ps-0.log", "worker-0.log", "worker-1.log")) assertTrue(Files.exists(temp.resolve(log)), log)
    }

    @Test
    fun `the paper's CNN, built in KotlinDL, trains on two workers as in one process`() {
        val cnn = settings(ClusterSource.Loopback(2, null), steps = 5).copy(model = DataParallelModel.CNN, dropout = false, globalBatch = 16)
        val printed = ByteArrayOutputStream()
        val result = dataParallelSample(TinyData.slice(128, 16), cnn, PrintStream(printed, true))
        val difference = checkNotNull(result.maxRelativeDifference) { "--check gives a difference" }
        assertTrue(difference <= 1e-5, "difference $difference")
        assertEquals(0.0, result.shardedReferenceDifference)
        assertTrue(printed.toString().contains("the paper's CNN (KotlinDL, without dropout) (390410 parameters)"), printed.toString())
    }

    @Test
    fun `a base port already in use is a clear error naming the port, before any task starts`() {
        ServerSocket(0, 1, InetAddress.getLoopbackAddress()).use { taken ->
            val port = taken.localPort
            // The parameter server takes the base port.
            val e = assertThrows(DistributedException::class.java) {
                dataParallelSample(TinyData.slice(128, 16), settings(ClusterSource.Loopback(1, port)), TinyData.quiet)
            }
            assertTrue(e.message!!.contains("port $port") && e.message!!.contains("already in use"), e.message)
            assertEquals(emptyList<Path>(), Files.list(temp).use { it.toList() }.filter { it.toString().endsWith(".log") })
        }
    }
}
