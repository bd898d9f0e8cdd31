package org.arturo.samples.cli

import org.arturo.training.distributed.ClusterSpec
import org.arturo.training.distributed.ClusterTask
import picocli.CommandLine.Command
import picocli.CommandLine.Option
import java.util.concurrent.Callable

@Command(name = "data-parallel-task", mixinStandardHelpOptions = true, versionProvider = SamplesVersion::class,
    description = ["Runs one task (ps or worker) of a data-parallel cluster.",
        "The task is TensorFlow's gRPC server; it serves until the process is stopped.",
        "Start the parameter server and every worker on their hosts, then run data-parallel with --ps and",
        "--worker-hosts from any machine that reaches them. See docs/scaling.md."])
class DataParallelTaskCommand : Callable<Int> {
    @Option(names = ["--job"], required = true, paramLabel = "ps|worker", description = ["This task's job: ps or worker."])
    lateinit var job: String

    @Option(names = ["--task"], paramLabel = "I", description = ["This task's index in its job (default: \${DEFAULT-VALUE})."])
    var task: Int = 0

    @Option(names = ["--ps"], required = true, paramLabel = "HOST:PORT", description = ["The parameter server's address."])
    lateinit var ps: String

    @Option(names = ["--worker-hosts"], required = true, split = ",", paramLabel = "HOST:PORT", description = ["The workers' addresses, in task order."])
    lateinit var workerHosts: List<String>

    @Option(names = ["--exit-with-parent"], description = ["Exit when standard input closes (the launcher that started this task ended)."])
    var exitWithParent: Boolean = false

    override fun call(): Int {
        requireOption(job == ClusterSpec.PS_JOB || job == ClusterSpec.WORKER_JOB) { "--job must be ps or worker, was $job" }
        val cluster = try {
            ClusterSpec(DataParallelCommand.address("--ps", ps), workerHosts.map { DataParallelCommand.address("--worker-hosts", it) })
        } catch (e: IllegalArgumentException) {
            throw InvalidOptionException("--worker-hosts: ${e.message}")
        }
        val maxTask = if (job == ClusterSpec.PS_JOB) 0 else cluster.workerCount() - 1
        requireOption(task in 0..maxTask) { "--task must be in [0, $maxTask] for job $job, was $task" }
        val server = ClusterTask.start(cluster, job, task)
        println("serving ${ClusterSpec.device(job, task)} at ${cluster.address(job, task)}")
        if (exitWithParent) {
            while (System.`in`.read() >= 0) { /* the launcher never writes; EOF means it has gone */ }
        } else {
            server.join()
        }
        return 0
    }
}
