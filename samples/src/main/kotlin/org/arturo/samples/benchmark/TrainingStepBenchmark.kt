package org.arturo.samples.benchmark

import org.arturo.samples.data.Split
import org.arturo.samples.model.FashionMnistCnn
import org.jetbrains.kotlinx.dl.api.core.Sequential
import org.jetbrains.kotlinx.dl.api.core.callback.Callback
import org.jetbrains.kotlinx.dl.api.core.history.BatchTrainingEvent
import org.jetbrains.kotlinx.dl.api.core.history.TrainingHistory
import org.jetbrains.kotlinx.dl.api.core.loss.Losses
import org.jetbrains.kotlinx.dl.api.core.metric.Metrics
import org.jetbrains.kotlinx.dl.api.core.optimizer.Optimizer
import org.jetbrains.kotlinx.dl.dataset.OnHeapDataset
import kotlin.random.Random

/**
 * Whole KotlinDL training steps of a model (forward, backward, update, as `fit` runs them), one model
 * per optimizer, interleaved minibatch by minibatch in a rotating order so that every optimizer trains
 * on the same batches under the same machine conditions.
 *
 * @param setting names the model and batch size in the report, e.g. "CNN, batch 32"
 * @param model a fresh model with the same initial weights on every call (the paper's CNN by default)
 */
class TrainingStepBenchmark(
    private val train: Split,
    private val batchSize: Int = 255,
    private val setting: String = "CNN, batch $batchSize",
    private val model: () -> Sequential = { FashionMnistCnn.build(42) },
    private val warmupSteps: Int = 5,
    private val timedSteps: Int = 30,
    private val seed: Long = 42,
) {
    init {
        require(timedSteps >= 1) { "timedSteps must be at least 1, was $timedSteps" }
        require(warmupSteps >= 0) { "warmupSteps must be ≥ 0, was $warmupSteps" }
        require(train.size >= batchSize) { "need at least one full batch of $batchSize images, have ${train.size}" }
    }

    /** A named optimizer factory; [isReference] marks the one the ratios are taken against. */
    class Candidate(val name: String, val isReference: Boolean = false, val optimizer: () -> Optimizer)

    fun run(candidates: List<Candidate>, progress: (String) -> Unit = {}): List<TrainingStepTiming> {
        require(candidates.count { it.isReference } <= 1) { "at most one reference optimizer" }
        val order = train.shuffled(Random(seed))
        val batchesPerPass = order.size / batchSize
        val batches = (0 until warmupSteps + timedSteps).map { i ->
            val start = (i % batchesPerPass) * batchSize
            OnHeapDataset.create(order.images.copyOfRange(start, start + batchSize), order.labels.copyOfRange(start, start + batchSize))
        }
        val models = candidates.map { c ->
            model().also {
                it.compile(c.optimizer(), Losses.SOFT_MAX_CROSS_ENTROPY_WITH_LOGITS, Metrics.ACCURACY)
                it.init()
            }
        }
        try {
            val timers = candidates.map { StepTimer() }
            batches.forEachIndexed { i, batch ->
                for (k in candidates.indices) {
                    val j = (i + k) % candidates.size
                    timers[j].recording = i >= warmupSteps
                    models[j].fit(batch, 1, batchSize, listOf(timers[j]))
                }
                if ((i + 1) % 10 == 0) progress("  $setting training steps: ${i + 1}/${batches.size}")
            }
            return candidates.mapIndexed { k, c -> TrainingStepTiming(c.name, Stats.of(timers[k].times), c.isReference, setting) }
        } finally {
            models.forEach(Sequential::close)
        }
    }

    /** Time from KotlinDL's batch-begin to batch-end callback: tensors in, Session.run, loss out. */
    private class StepTimer : Callback() {
        val times = mutableListOf<Long>()
        var recording = false
        private var start = 0L

        override fun onTrainBatchBegin(batch: Int, batchSize: Int, logs: TrainingHistory) {
            start = System.nanoTime()
        }

        override fun onTrainBatchEnd(batch: Int, batchSize: Int, event: BatchTrainingEvent, logs: TrainingHistory) {
            if (recording) times += System.nanoTime() - start
        }
    }
}
