package org.arturo.samples.cli

import org.arturo.samples.distributed.ClusterSource
import org.arturo.samples.distributed.DataParallelModel
import org.arturo.samples.distributed.DataParallelOptimizer
import org.arturo.samples.distributed.DataParallelSettings
import org.arturo.samples.distributed.dataParallelSample
import org.arturo.training.distributed.ClusterSpec
import org.arturo.training.distributed.DistributedException
import org.arturo.training.distributed.HostPort
import picocli.CommandLine.Command
import picocli.CommandLine.Mixin
import picocli.CommandLine.Option
import java.time.Duration
import java.util.concurrent.Callable

@Command(name = "data-parallel", mixinStandardHelpOptions = true, versionProvider = SamplesVersion::class,
    description = ["Sample 8: data-parallel training on TF's distributed runtime.",
        "Synchronous: one optimizer step per global batch, on a parameter server, from N workers' gradients.",
        "Starts a parameter server and --workers worker processes on 127.0.0.1 (or joins the cluster given by",
        "--ps and --worker-hosts, each task started with data-parallel-task), trains an MLP or the paper's CNN on Fashion-MNIST,",
        "and reports the throughput. With --check it also trains one process on the same global batches and",
        "prints the largest relative parameter difference; above --tolerance the command fails. See docs/scaling.md."])
class DataParallelCommand : Callable<Int> {
    @Mixin
    val data = DataOptions()

    @Mixin
    val output = OutputOptions("arturo-output/data-parallel")

    @Option(names = ["--workers"], paramLabel = "N", description = ["Worker processes to start on loopback, 1 to $MAX_WORKERS (default: 2)."])
    var workers: Int? = null

    @Option(names = ["--base-port"], paramLabel = "P",
        description = ["Loopback ports P (parameter server), P+1.. (workers); default: free ports."])
    var basePort: Int? = null

    @Option(names = ["--ps"], paramLabel = "HOST:PORT", description = ["Join a running cluster: its parameter server."])
    var ps: String? = null

    @Option(names = ["--worker-hosts"], split = ",", paramLabel = "HOST:PORT", description = ["Join a running cluster: its workers, in task order."])
    var workerHosts: List<String> = emptyList()

    @Option(names = ["--steps"], paramLabel = "N", description = ["Training steps (default: \${DEFAULT-VALUE})."])
    var steps: Int = 50

    @Option(names = ["--batch-size"], paramLabel = "B", description = ["Global batch size, split across the workers (default: \${DEFAULT-VALUE})."])
    var batchSize: Int = 256

    @Option(names = ["--model"], paramLabel = "NAME",
        description = ["mlp (a raw-graph MLP) or cnn (the paper's CNN, built in KotlinDL) (default: \${DEFAULT-VALUE})."])
    var model: DataParallelModel = DataParallelModel.MLP

    @Option(names = ["--no-dropout"], description = ["With --model cnn: leave out the dropout layers (needed with --check)."])
    var noDropout: Boolean = false

    @Option(names = ["--hidden"], split = ",", paramLabel = "W", description = ["Hidden layer widths of the MLP (default: 256)."])
    var hidden: List<Int> = listOf(256)

    @Option(names = ["--optimizer"], paramLabel = "NAME", description = ["arturo, adam or sgd, at the library's defaults (default: \${DEFAULT-VALUE})."])
    var optimizer: DataParallelOptimizer = DataParallelOptimizer.ARTURO

    @Option(names = ["--seed"], description = ["Seed for the weights and the data order (default: \${DEFAULT-VALUE})."])
    var seed: Long = 42

    @Option(names = ["--check"], description = ["Also train one process on the same global batches and compare the parameters."])
    var check: Boolean = false

    @Option(names = ["--tolerance"], paramLabel = "X", description = ["Largest relative difference --check accepts (default: \${DEFAULT-VALUE})."])
    var tolerance: Double = 1e-5

    @Option(names = ["--start-timeout"], paramLabel = "S", description = ["Seconds the cluster may take to start (default: \${DEFAULT-VALUE})."])
    var startTimeout: Long = 60

    @Option(names = ["--step-timeout"], paramLabel = "S", description = ["Seconds one step may take before the run stops (default: \${DEFAULT-VALUE})."])
    var stepTimeout: Long = 300

    /** Every option in range, the cluster's addresses well-formed and the output directory writable, before anything starts. */
    fun settings(): DataParallelSettings {
        val source = clusterSource()
        requireAtLeast("--steps", steps, 1)
        val workerCount = when (source) {
            is ClusterSource.Loopback -> source.workers
            is ClusterSource.Join -> source.cluster.workerCount()
        }
        requireOption(batchSize in workerCount..MAX_BATCH) {
            "--batch-size must be in [$workerCount, $MAX_BATCH] (at least one example per worker), was $batchSize"
        }
        requireOption(!(check && model == DataParallelModel.CNN && !noDropout)) {
            "--check with --model cnn needs --no-dropout: dropout draws other masks in each shard, so no two runs would match"
        }
        requireOption(!(noDropout && model != DataParallelModel.CNN)) { "--no-dropout applies to --model cnn only (the MLP has no dropout)" }
        requireOption(hidden.isNotEmpty()) { "--hidden: give at least one width" }
        hidden.forEach { requireOption(it in 1..MAX_WIDTH) { "--hidden: $it is outside [1, $MAX_WIDTH]" } }
        requireOption(tolerance > 0 && tolerance.isFinite()) { "--tolerance must be a positive finite number, was $tolerance" }
        requireOption(startTimeout in 1..MAX_SECONDS) { "--start-timeout must be in [1, $MAX_SECONDS] seconds, was $startTimeout" }
        requireOption(stepTimeout in 1..MAX_SECONDS) { "--step-timeout must be in [1, $MAX_SECONDS] seconds, was $stepTimeout" }
        data.validate()
        return DataParallelSettings(source, steps, batchSize, model, hidden, !noDropout, optimizer, seed, check, tolerance,
            Duration.ofSeconds(startTimeout), Duration.ofSeconds(stepTimeout), output.prepare())
    }

    private fun clusterSource(): ClusterSource {
        if (ps == null && workerHosts.isEmpty()) {
            val n = workers ?: 2
            requireOption(n in 1..MAX_WORKERS) { "--workers must be in [1, $MAX_WORKERS], was $n" }
            basePort?.let { requireOption(it in 1..65535 - n) { "--base-port must be in [1, ${65535 - n}] for $n workers, was $it" } }
            return ClusterSource.Loopback(n, basePort)
        }
        requireOption(ps != null && workerHosts.isNotEmpty()) { "--ps and --worker-hosts go together: give both to join a cluster" }
        requireOption(basePort == null) { "--base-port is for a loopback cluster; it cannot be combined with --ps/--worker-hosts" }
        workers?.let { requireOption(it == workerHosts.size) { "--workers $it does not match the ${workerHosts.size} --worker-hosts" } }
        requireOption(workerHosts.size <= MAX_WORKERS) { "--worker-hosts: at most $MAX_WORKERS workers, got ${workerHosts.size}" }
        val psAddress = address("--ps", ps!!)
        val workerAddresses = workerHosts.map { address("--worker-hosts", it) }
        return try {
            ClusterSource.Join(ClusterSpec(psAddress, workerAddresses))
        } catch (e: IllegalArgumentException) {
            throw InvalidOptionException("--worker-hosts: ${e.message}")
        }
    }

    override fun call(): Int {
        val settings = settings()
        val result = dataParallelSample(data.load(), settings)
        val difference = result.maxRelativeDifference
        if (difference != null && !(difference <= settings.tolerance)) {
            throw DistributedException("the distributed run diverged from the single process: max relative difference " +
                "%.3e exceeds --tolerance %.1e".format(difference, settings.tolerance))
        }
        return 0
    }

    companion object {
        const val MAX_WORKERS = 64
        const val MAX_BATCH = 60_000
        const val MAX_WIDTH = 65_536
        const val MAX_SECONDS = 86_400L

        fun address(option: String, text: String): HostPort = try {
            HostPort.parse(text.trim())
        } catch (e: IllegalArgumentException) {
            throw InvalidOptionException("$option: ${e.message}")
        }
    }
}
