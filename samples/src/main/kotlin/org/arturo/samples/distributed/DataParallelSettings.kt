package org.arturo.samples.distributed

import org.arturo.training.distributed.ClusterSpec
import java.nio.file.Path
import java.time.Duration

/** The optimizers the launcher trains with, each at its library defaults. */
enum class DataParallelOptimizer { ARTURO, ADAM, SGD }

/**
 * The models the launcher trains: an MLP written as a raw-graph replica model, or the paper's CNN built
 * in KotlinDL and replicated through its layers (optionally without dropout, for a deterministic check).
 */
enum class DataParallelModel { MLP, CNN }

/** Where the cluster comes from: started here on loopback, or joined at given addresses. */
sealed interface ClusterSource {
    data class Loopback(val workers: Int, val basePort: Int?) : ClusterSource
    data class Join(val cluster: ClusterSpec) : ClusterSource
}

/** Everything the data-parallel sample needs, checked by the command before anything starts. */
data class DataParallelSettings(
    val source: ClusterSource,
    val steps: Int,
    val globalBatch: Int,
    val model: DataParallelModel,
    val hidden: List<Int>,
    val dropout: Boolean,
    val optimizer: DataParallelOptimizer,
    val seed: Long,
    val check: Boolean,
    val tolerance: Double,
    val startTimeout: Duration,
    val stepTimeout: Duration,
    val output: Path,
) {
    val workers: Int get() = when (source) {
        is ClusterSource.Loopback -> source.workers
        is ClusterSource.Join -> source.cluster.workerCount()
    }
}
