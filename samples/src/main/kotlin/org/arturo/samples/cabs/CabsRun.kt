package org.arturo.samples.cabs

import org.arturo.kotlindl.KotlinDlModelGraph
import org.arturo.samples.data.FashionMnist
import org.arturo.samples.model.ThesisCnn
import org.arturo.sgd
import org.arturo.training.ModelTraining
import org.arturo.training.cabs
import org.arturo.training.cabs.CabsTraining
import org.arturo.training.graph.GradientEvaluator
import org.arturo.training.loop.Budget
import org.arturo.training.loop.TrainingListener
import org.arturo.training.training
import org.jetbrains.kotlinx.dl.api.core.loss.Losses
import org.jetbrains.kotlinx.dl.api.core.metric.Metrics

/**
 * Trains a fresh quarter-width thesis CNN with [method] for the budget of examples. Both kinds of run go
 * through the same loop (`cabs { }` on a KotlinDL model): a constant batch size m is CABS with
 * m_min = m_max = m, i.e. plain SGD at α on batches of m, with the same micro-batch statistics, host
 * gradients and seeded order, so the two differ only in the batch-size rule.
 */
fun trainCabsRun(method: CabsMethod, dataset: FashionMnist, settings: CabsSettings): List<CabsPoint> =
    ThesisCnn.build(settings.seed, filters1 = 8, filters2 = 16, units = 64).use { model ->
        model.compile(sgd(), Losses.SOFT_MAX_CROSS_ENTROPY_WITH_LOGITS, Metrics.ACCURACY)
        val spec = cabs {
            learningRate = method.alpha
            minBatchSize = method.batchSize ?: CabsSettings.MIN_BATCH_SIZE
            maxBatchSize = method.batchSize ?: CabsSettings.MAX_BATCH_SIZE
            microBatches = settings.microBatches
        }
        val training: ModelTraining = model.training(dataset.train.toDataset(), spec, settings.seed)
        val evaluator = GradientEvaluator(training.graph)
        val trainEval = KotlinDlModelGraph.batchOf(model, dataset.train.take(minOf(settings.trainEvalSize, dataset.train.size)).toDataset())
        val test = dataset.test.toDataset()
        var seconds = 0.0
        var batchSize = method.batchSize ?: CabsSettings.MIN_BATCH_SIZE
        val rawSizes = mutableListOf<Double>()
        val rawSizeListener = TrainingListener { rawSizes += it.values().getValue(CabsTraining.RAW_BATCH_SIZE) }
        fun point() = CabsPoint(method, training.method.examplesSeen(), training.method.steps(), batchSize,
            rawSizes.filter { it.isFinite() }.average().also { rawSizes.clear() }, evaluator.loss(trainEval), model.evaluate(test, batchSize = minOf(1000, dataset.test.size)).metrics.getValue(Metrics.ACCURACY), seconds)

        val points = mutableListOf(point())
        var target = 0L
        while (target < settings.examples) {
            target = minOf(target + settings.evalEvery, settings.examples)
            val summary = training.run(Budget.examples(target), progress = false, listeners = listOf(rawSizeListener))
            seconds += summary.seconds()
            summary.last()?.let { batchSize = it.values().getValue(CabsTraining.BATCH_SIZE).toInt() }
            points += point()
        }
        points
    }
