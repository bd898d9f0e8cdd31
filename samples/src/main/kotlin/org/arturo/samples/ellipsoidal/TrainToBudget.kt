package org.arturo.samples.ellipsoidal

import org.arturo.samples.model.TanhMlp
import org.arturo.training.SeededOrder
import org.arturo.training.etr.TrustRegionConfig

/**
 * Trains a fresh network of [seed] with [method] until the budget of backpropagations is spent, and
 * evaluates it on the whole training set at the start, every `evalEvery` backpropagations and at the end.
 * A trust-region iteration costs several backpropagations, so it may pass an evaluation point (and end
 * past the budget by less than one iteration); the checkpoint records where it really was. Only the steps
 * are timed, not the evaluations.
 */
fun trainToBudget(method: EllipsoidalMethod, seed: Long, data: FlatSplit, settings: EllipsoidalSettings): List<Checkpoint> =
    TanhMlp(seed).use { mlp ->
        val learner = method.ellipsoid?.let { TrustRegionLearner(mlp, TrustRegionConfig.builder(it).build(), data, settings.trustRegionBatch) }
            ?: FirstOrderLearner(mlp, method.firstOrderOptimizer(), data, settings.firstOrderBatch)
        val order = SeededOrder(data.size, seed)
        var nanos = 0L
        fun checkpoint(target: Long): Checkpoint {
            val metrics = evaluate(mlp, data)
            return Checkpoint(method, seed, target, learner.backprops, nanos / 1e9, order.examplesSeen(),
                order.examplesSeen().toDouble() / data.size, metrics.loss, metrics.accuracy, learner.trustRegionState())
        }

        val checkpoints = mutableListOf(checkpoint(0))
        var next = minOf(settings.evalEvery, settings.backprops)
        while (learner.backprops < settings.backprops) {
            val start = System.nanoTime()
            learner.step(order)
            nanos += System.nanoTime() - start
            val spent = learner.backprops
            if (spent >= next) {
                val target = if (spent >= settings.backprops) settings.backprops else spent / settings.evalEvery * settings.evalEvery
                checkpoints += checkpoint(target)
                next = minOf((spent / settings.evalEvery + 1) * settings.evalEvery, settings.backprops)
            }
        }
        checkpoints
    }
