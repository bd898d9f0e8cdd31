package org.arturo.samples.distributed

import org.arturo.samples.SamplesMain
import org.arturo.training.distributed.ClusterSpec
import org.arturo.training.distributed.ClusterTask
import org.arturo.training.distributed.DistributedException
import org.arturo.training.distributed.HostPort
import java.net.InetSocketAddress
import java.net.Socket
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths
import java.time.Duration
import java.util.concurrent.TimeUnit

/**
 * The parameter server and the workers of a loopback cluster, each a process of its own (TensorFlow
 * 1.15's servers cannot be stopped, and a worker that can be killed is what a real cluster has). Each
 * task logs to `<job>-<task>.log` in [logDirectory]; a task whose launcher dies exits with it (it
 * watches its standard input).
 */
class LoopbackTasks private constructor(
    val cluster: ClusterSpec,
    private val tasks: List<Task>,
) : AutoCloseable {
    class Task(val device: String, val address: HostPort, val process: Process, val log: Path)

    private val hook = Thread { tasks.forEach { it.process.destroyForcibly() } }

    init {
        Runtime.getRuntime().addShutdownHook(hook)
    }

    /** Waits until every task listens; a task that exits first, or a cluster not up by [timeout], is an error. */
    fun awaitListening(timeout: Duration) {
        val deadline = System.nanoTime() + timeout.toNanos()
        for (task in tasks) {
            while (!listens(task.address)) {
                if (!task.process.isAlive) {
                    throw DistributedException("${task.device} (${task.address}) exited with code ${task.process.exitValue()} " +
                        "before it started: ${lastLine(task.log)} (log: ${task.log})")
                }
                if (System.nanoTime() > deadline) {
                    throw DistributedException("the cluster did not start within ${timeout.toSeconds()} s: " +
                        "${task.device} (${task.address}) is not listening (log: ${task.log})")
                }
                Thread.sleep(100)
            }
        }
    }

    /** The tasks that have exited, as "task (address) exited with code c", for an error message. */
    fun exited(): List<String> = tasks.filter { !it.process.isAlive }
        .map { "${it.device} (${it.address}) exited with code ${it.process.exitValue()} (log: ${it.log})" }

    override fun close() {
        tasks.forEach { it.process.destroyForcibly() }
        tasks.forEach { it.process.waitFor(10, TimeUnit.SECONDS) }
        runCatching { Runtime.getRuntime().removeShutdownHook(hook) }
    }

    companion object {
        /**
         * Starts a parameter server and [workers] workers on 127.0.0.1: at [basePort] and the ports after
         * it, or at free ports when [basePort] is null. Every port is checked before any process starts.
         */
        fun start(workers: Int, basePort: Int?, logDirectory: Path): LoopbackTasks {
            val ports = if (basePort == null) List(workers + 1) { ClusterTask.freeLoopbackPort() }
            else List(workers + 1) { basePort + it }
            val cluster = ClusterSpec.loopback(ports[0], ports.drop(1))
            val all = listOf(ClusterSpec.PS_JOB to 0) + List(workers) { ClusterSpec.WORKER_JOB to it }
            for ((job, task) in all) ClusterTask.requireFree(cluster.address(job, task), ClusterSpec.device(job, task))
            Files.createDirectories(logDirectory)
            val started = mutableListOf<Task>()
            try {
                for ((job, task) in all) started += spawn(cluster, job, task, logDirectory)
            } catch (e: Exception) {
                started.forEach { it.process.destroyForcibly() }
                throw e
            }
            return LoopbackTasks(cluster, started)
        }

        private fun spawn(cluster: ClusterSpec, job: String, task: Int, logDirectory: Path): Task {
            val java = Paths.get(System.getProperty("java.home"), "bin", "java").toString()
            val log = logDirectory.resolve("$job-$task.log")
            val command = listOf(java, "-cp", System.getProperty("java.class.path"), SamplesMain::class.java.name,
                "data-parallel-task", "--job", job, "--task", task.toString(),
                "--ps", cluster.parameterServer().toString(),
                "--worker-hosts", cluster.workers().joinToString(","), "--exit-with-parent")
            val process = ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start()
            return Task(ClusterSpec.device(job, task), cluster.address(job, task), process, log)
        }

        private fun listens(address: HostPort): Boolean = try {
            Socket().use { it.connect(InetSocketAddress(address.host(), address.port()), 200); true }
        } catch (e: java.io.IOException) {
            false
        }

        private fun lastLine(log: Path): String =
            runCatching { Files.readAllLines(log).lastOrNull { it.isNotBlank() } }.getOrNull() ?: "no output"
    }
}
