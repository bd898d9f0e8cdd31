package org.arturo.samples.distributed

import org.arturo.samples.data.FashionMnist
import org.arturo.samples.data.Split
import org.arturo.tf.GraphOptimizer
import org.arturo.tf.arturo.ArturoConfig
import org.arturo.tf.arturo.ArturoOptimizer
import org.arturo.tf.baselines.AdamConfig
import org.arturo.tf.baselines.AdamOptimizer
import org.arturo.tf.baselines.SgdConfig
import org.arturo.tf.baselines.SgdOptimizer
import org.arturo.training.distributed.DataParallelTrainer
import org.arturo.training.distributed.DistributedException
import org.arturo.training.distributed.HostTensor
import org.arturo.training.distributed.ParameterDifference
import org.arturo.training.distributed.ReplicaModel
import org.arturo.training.distributed.SoftmaxMlp
import org.arturo.kotlindl.KotlinDlReplicaModel
import org.arturo.samples.model.FashionMnistCnn
import org.jetbrains.kotlinx.dl.api.core.loss.Losses
import org.jetbrains.kotlinx.dl.api.core.metric.Metrics
import org.jetbrains.kotlinx.dl.api.core.optimizer.SGD
import java.io.PrintStream
import kotlin.random.Random

/** What a data-parallel run measured. */
data class DataParallelResult(
    val firstLoss: Float,
    val lastLoss: Float,
    val skippedSteps: Long,
    val medianStepMillis: Double,
    val examplesPerSecond: Double,
    /** Only with --check: the single-process run's speed and the largest relative parameter difference. */
    val singleProcessExamplesPerSecond: Double?,
    val maxRelativeDifference: Double?,
    /** Only with --check and several workers: the difference to one process computing the same shards' sum. */
    val shardedReferenceDifference: Double? = null,
)

/**
 * Sample: synchronous data-parallel training of an MLP on Fashion-MNIST over TensorFlow's distributed
 * runtime (docs/scaling.md), optionally checked against one process on the same global batches.
 */
fun dataParallelSample(data: FashionMnist, settings: DataParallelSettings, out: PrintStream = System.out): DataParallelResult =
    ModelUnderTraining.of(settings).use { run(data, settings, it, out) }

private fun run(data: FashionMnist, settings: DataParallelSettings, trained: ModelUnderTraining, out: PrintStream): DataParallelResult {
    val model = trained.replicas
    val initial = trained.initial
    val batches = GlobalBatches(data.train, settings.globalBatch, settings.seed, trained.rowShape)
    val optimizer = optimizerOf(settings.optimizer)
    out.println("data-parallel: ${settings.workers} worker(s) + 1 parameter server, ${trained.description} " +
        "(${initial.sumOf { it.size }} parameters), ${optimizer.name()}, global batch ${settings.globalBatch}, ${settings.steps} steps; $data")

    val tasks = (settings.source as? ClusterSource.Loopback)?.let {
        LoopbackTasks.start(it.workers, it.basePort, settings.output).also { t -> t.awaitListening(settings.startTimeout) }
    }
    val cluster = tasks?.cluster ?: (settings.source as ClusterSource.Join).cluster
    out.println("cluster: ps ${cluster.parameterServer()}, workers ${cluster.workers().joinToString(", ")}")
    val distributed = try {
        DataParallelTrainer.onCluster(model, optimizer, cluster, settings.startTimeout, settings.stepTimeout).use { trainer ->
            train(trainer, initial, batches, settings.steps, out, "distributed")
        }
    } catch (e: DistributedException) {
        val exited = tasks?.exited().orEmpty()
        throw if (exited.isEmpty()) e else DistributedException("${e.message}; ${exited.joinToString("; ")}", e)
    } finally {
        tasks?.close()
    }
    out.println("throughput: %.0f examples/s (median step %.2f ms over steps 2..%d, %d workers)"
        .format(distributed.examplesPerSecond, distributed.medianStepMillis, settings.steps, settings.workers))
    if (distributed.skippedSteps > 0) out.println("the optimizer skipped ${distributed.skippedSteps} step(s) (non-finite or outlier gradients)")
    if (!settings.check) return distributed.toResult(null, null)

    val single = DataParallelTrainer.singleProcess(model, optimizer).use { trainer ->
        train(trainer, initial, batches, settings.steps, out, "single process")
    }
    val difference = ParameterDifference.maxRelative(distributed.parameters, single.parameters)
    out.println("single process: %.0f examples/s (median step %.2f ms)".format(single.examplesPerSecond, single.medianStepMillis))
    out.println("max relative difference vs single process: %.3e".format(difference))
    val sharded = if (settings.workers == 1) null else DataParallelTrainer.singleProcess(model, optimizer, settings.workers).use { trainer ->
        ParameterDifference.maxRelative(distributed.parameters, train(trainer, initial, batches, settings.steps, Silent, "").parameters)
    }
    sharded?.let {
        out.println("max relative difference vs one process summing the same ${settings.workers} shards: %.3e ".format(it) +
            "(the runtime's own share; the rest is the rounding of a sharded gradient sum)")
    }
    return distributed.toResult(single.examplesPerSecond, difference, sharded)
}

fun optimizerOf(choice: DataParallelOptimizer): GraphOptimizer = when (choice) {
    DataParallelOptimizer.ARTURO -> ArturoOptimizer(ArturoConfig.defaults())
    DataParallelOptimizer.ADAM -> AdamOptimizer(AdamConfig.defaults())
    DataParallelOptimizer.SGD -> SgdOptimizer(SgdConfig.defaults())
}

private class Run(
    val firstLoss: Float, val lastLoss: Float, val skippedSteps: Long, val medianStepMillis: Double,
    val examplesPerSecond: Double, val parameters: List<HostTensor>,
) {
    fun toResult(singleSpeed: Double?, difference: Double?, sharded: Double? = null) =
        DataParallelResult(firstLoss, lastLoss, skippedSteps, medianStepMillis, examplesPerSecond, singleSpeed, difference, sharded)
}

private fun train(trainer: DataParallelTrainer, initial: List<FloatArray>, batches: GlobalBatches, steps: Int,
                  out: PrintStream, label: String): Run {
    trainer.initialize(initial)
    val millis = DoubleArray(steps)
    var first = Float.NaN
    var last = Float.NaN
    var skipped = 0L
    val every = maxOf(1, steps / 5)
    for (s in 0 until steps) {
        val batch = batches.batch(s)
        val start = System.nanoTime()
        val result = trainer.step(batch)
        millis[s] = (System.nanoTime() - start) / 1e6
        if (s == 0) first = result.loss()
        last = result.loss()
        skipped = result.skippedSteps()
        if ((s + 1) % every == 0 || s + 1 == steps) out.println("  $label step ${s + 1}: loss %.4f".format(last))
    }
    // The first step includes the runtime's graph partitioning and warm-up.
    val timed = if (steps > 1) millis.copyOfRange(1, steps) else millis
    val median = timed.sorted().let { if (it.size % 2 == 1) it[it.size / 2] else (it[it.size / 2 - 1] + it[it.size / 2]) / 2 }
    return Run(first, last, skipped, median, batches.size / (median / 1000.0), trainer.parameters())
}

private val Silent = PrintStream(java.io.OutputStream.nullOutputStream())

/** The model a run trains: its replicas, its initial weights, the shape of one image row, and what to close. */
private class ModelUnderTraining(
    val replicas: ReplicaModel, val initial: List<FloatArray>, val rowShape: LongArray, val description: String,
    private val owned: AutoCloseable?,
) : AutoCloseable {
    override fun close() {
        owned?.close()
    }

    companion object {
        fun of(settings: DataParallelSettings): ModelUnderTraining = when (settings.model) {
            DataParallelModel.MLP -> {
                val mlp = SoftmaxMlp(*(listOf(PIXELS) + settings.hidden + FashionMnist.NUM_CLASSES).toIntArray())
                ModelUnderTraining(mlp, mlp.initialValues(settings.seed), longArrayOf(PIXELS.toLong()),
                    "MLP ${settings.hidden.joinToString("-", "$PIXELS-", "-${FashionMnist.NUM_CLASSES}")}", null)
            }
            DataParallelModel.CNN -> {
                val cnn = FashionMnistCnn.build(settings.seed, settings.dropout)
                try {
                    // The optimizer given to compile is never run: the data-parallel step brings its own.
                    cnn.compile(optimizer = SGD(), loss = Losses.SOFT_MAX_CROSS_ENTROPY_WITH_LOGITS, metric = Metrics.ACCURACY)
                    val replicas = KotlinDlReplicaModel.of(cnn)
                    ModelUnderTraining(replicas, replicas.initialValues(), longArrayOf(28, 28, 1),
                        "the paper's CNN (KotlinDL${if (settings.dropout) "" else ", without dropout"})", cnn)
                } catch (e: Exception) {
                    cnn.close()
                    throw e
                }
            }
        }

        private const val PIXELS = FashionMnist.IMAGE_SIZE * FashionMnist.IMAGE_SIZE
    }
}

/** The global batches of a run: step s takes the next rows of the training set in a seeded order, wrapping at the end. */
class GlobalBatches(train: Split, val size: Int, seed: Long, private val rowShape: LongArray) {
    private val shuffled = train.shuffled(Random(seed))

    fun batch(step: Int): List<HostTensor> {
        val pixels = FashionMnist.IMAGE_SIZE * FashionMnist.IMAGE_SIZE
        val x = FloatArray(size * pixels)
        val y = FloatArray(size * FashionMnist.NUM_CLASSES)
        for (r in 0 until size) {
            val i = ((step.toLong() * size + r) % shuffled.size).toInt()
            shuffled.images[i].copyInto(x, r * pixels)
            y[r * FashionMnist.NUM_CLASSES + shuffled.labels[i].toInt()] = 1f
        }
        return listOf(HostTensor(longArrayOf(size.toLong()) + rowShape, x),
            HostTensor(longArrayOf(size.toLong(), FashionMnist.NUM_CLASSES.toLong()), y))
    }
}
