package org.arturo.samples.training

import org.arturo.telemetry.Telemetry
import org.arturo.telemetry.EpochStats
import org.arturo.kotlindl.KotlinDlOptimizer
import org.arturo.telemetry.StepStats
import org.arturo.samples.data.FashionMnist
import org.arturo.samples.data.Split
import org.arturo.samples.model.FashionMnistCnn
import org.jetbrains.kotlinx.dl.api.core.Sequential
import org.jetbrains.kotlinx.dl.api.core.callback.Callback
import org.jetbrains.kotlinx.dl.api.core.history.BatchTrainingEvent
import org.jetbrains.kotlinx.dl.api.core.history.TrainingHistory
import org.jetbrains.kotlinx.dl.api.core.loss.Losses
import org.jetbrains.kotlinx.dl.api.core.metric.Metrics
import org.jetbrains.kotlinx.dl.api.core.optimizer.Optimizer
import java.io.PrintStream
import java.util.Locale
import kotlin.random.Random

/**
 * Trains a CNN ([model]: the paper's by default) with KotlinDL, one `fit` call per epoch so that every epoch gets a freshly
 * shuffled order drawn from the plan's seed: every optimizer sees the same minibatches. After each
 * epoch it measures train (fixed subset, evaluation mode) and test loss and accuracy.
 */
class CnnTrainer(
    private val data: FashionMnist,
    private val plan: TrainingPlan,
    private val log: PrintStream = System.out,
    private val model: (seed: Long) -> Sequential = { seed -> FashionMnistCnn.build(seed) },
) {
    private val trainEval: Split = if (plan.trainEvalSize == 0) data.train else data.train.take(plan.trainEvalSize)

    val stepsPerEpoch: Long get() = plan.stepsPerEpoch(data.train.size)

    /**
     * Trains a fresh CNN with [optimizer]. For arturo's optimizers (arTuRO and the baselines) the
     * library's [Telemetry] reads η, solver passes or the learning rate after every step.
     *
     * @param onEpoch called after each epoch's record (epoch 0 = before training)
     * @param onStep called with every telemetry reading (arturo's optimizers only)
     */
    fun train(
        name: String,
        optimizer: Optimizer,
        onEpoch: (EpochRecord) -> Unit = {},
        onStep: (StepStats) -> Unit = {},
    ): RunHistory =
        model(plan.seed).use { model ->
        model.compile(optimizer, Losses.SOFT_MAX_CROSS_ENTROPY_WITH_LOGITS, Metrics.ACCURACY)
        model.init()
        val records = mutableListOf<EpochRecord>()
        fun record(r: EpochRecord) {
            records += r
            onEpoch(r)
            log.println(describe(name, r))
        }
        record(evaluate(model, epoch = 0, stats = null, scalars = null))
        for (epoch in 1..plan.epochs) {
            val steps = plan.stepsIn(epoch, data.train.size)
            // A step budget ends inside an epoch: the same shuffled order, cut after its last batch.
            val order = data.train.shuffled(epochRandom(epoch)).let {
                if (steps < stepsPerEpoch) it.take((steps * plan.batchSize).toInt()) else it
            }
            val stats = StepStatistics()
            val progress = if (plan.showProgress) EpochProgress("$name ${epoch}/${plan.epochs}", steps) else null
            // The timing callback comes first, so the telemetry's extra Session.run is not timed.
            val callbacks = mutableListOf<Callback>(StepCallback(stats, progress))
            // The telemetry's epoch summary holds the mean and max of every optimizer scalar.
            var scalars: EpochStats? = null
            if (optimizer is KotlinDlOptimizer) {
                callbacks += Telemetry(optimizer)
                    .addStepListener { onStep(it) }
                    .addEpochListener { scalars = it }
            }
            progress.use { model.fit(order.toDataset(), 1, plan.batchSize, callbacks) }
            record(evaluate(model, epoch, stats, scalars))
        }
        RunHistory(name, records)
    }

    /** The data order of [epoch]; the same for every optimizer. */
    fun epochRandom(epoch: Int): Random = Random(plan.seed * 1_000_003 + epoch)

    private fun evaluate(model: Sequential, epoch: Int, stats: StepStatistics?, scalars: EpochStats?): EpochRecord {
        val train = model.evaluate(trainEval.toDataset(), EVAL_BATCH)
        val test = model.evaluate(data.test.toDataset(), EVAL_BATCH)
        return EpochRecord(
            epoch = epoch,
            trainLoss = train.lossValue,
            trainAccuracy = train.metrics.getValue(Metrics.ACCURACY),
            testLoss = test.lossValue,
            testAccuracy = test.metrics.getValue(Metrics.ACCURACY),
            meanBatchLoss = stats?.meanLoss ?: Double.NaN,
            trainSeconds = stats?.totalSeconds ?: 0.0,
            medianStepMillis = stats?.medianStepMillis ?: Double.NaN,
            meanScalars = scalars?.mean ?: emptyMap(),
            maxScalars = scalars?.max ?: emptyMap(),
        )
    }

    private fun describe(name: String, r: EpochRecord): String = buildString {
        append(String.format(Locale.ROOT, "%-18s epoch %2d: train loss %.4f acc %.4f | test loss %.4f acc %.4f",
            name, r.epoch, r.trainLoss, r.trainAccuracy, r.testLoss, r.testAccuracy))
        if (r.epoch > 0) append(String.format(Locale.ROOT, " | %.1f s, %.0f ms/step", r.trainSeconds, r.medianStepMillis))
        r.meanScalars["eta"]?.let { append(String.format(Locale.ROOT, " | mean η %.4g", it)) }
        r.meanScalars["solverIterations"]?.let {
            append(String.format(Locale.ROOT, ", solver passes %.2f (max %.0f)", it, r.maxScalars["solverIterations"]))
        }
        r.meanScalars["learningRate"]?.let { append(String.format(Locale.ROOT, " | lr %.3g", it)) }
    }

    /** Times each step: the batch's tensors, its Session.run and the loss fetch. */
    private class StepCallback(
        private val stats: StepStatistics,
        private val progress: EpochProgress?,
    ) : Callback() {
        private var start = 0L

        override fun onTrainBatchBegin(batch: Int, batchSize: Int, logs: TrainingHistory) {
            start = System.nanoTime()
        }

        override fun onTrainBatchEnd(batch: Int, batchSize: Int, event: BatchTrainingEvent, logs: TrainingHistory) {
            val nanos = System.nanoTime() - start
            stats.add(nanos, event.lossValue)
            progress?.step(event.lossValue)
        }
    }

    companion object {
        const val EVAL_BATCH = 1000
    }
}
