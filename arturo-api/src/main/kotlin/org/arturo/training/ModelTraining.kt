package org.arturo.training

import java.io.File
import org.arturo.kotlindl.KotlinDlModelGraph
import org.arturo.training.graph.ModelGraph
import org.arturo.training.loop.Budget
import org.arturo.training.loop.MethodSpec
import org.arturo.training.loop.ResumableMethod
import org.arturo.training.loop.TrainingListener
import org.arturo.training.loop.TrainingLoop
import org.arturo.training.loop.TrainingMethod
import org.arturo.training.loop.TrainingProgress
import org.jetbrains.kotlinx.dl.api.core.GraphTrainableModel
import org.jetbrains.kotlinx.dl.dataset.OnHeapDataset

/**
 * A training method bound to a compiled KotlinDL model and its training data, for methods KotlinDL's
 * `fit` cannot run (CABS's changing batch size, the trust region's several evaluations per step).
 * Compile the model with any optimizer first: its loss is what the method minimizes; the compiled
 * optimizer itself is not used. Each [run] continues where the last one stopped.
 * ```
 * val training = model.training(train, ellipsoidalTrustRegion { ellipsoid = Ellipsoid.RMS }, seed = 1)
 * training.run(Budget.backpropagations(1000))
 * println(model.evaluate(test, batchSize = 1000).metrics)
 * training.run(Budget.backpropagations(2000))   // 1000 more
 * ```
 * From Java: `new ModelTraining(model, train, spec, seed)`.
 */
public class ModelTraining(model: GraphTrainableModel, data: OnHeapDataset, spec: MethodSpec, seed: Long = 1) {
    /** The model's graph as the method sees it (with KotlinDL's training flag off when the method needs a deterministic loss). */
    public val graph: ModelGraph = KotlinDlModelGraph.of(model, !spec.needsDeterministicLoss())

    /** The method, bound to the model and to [data] in the order [seed] gives. */
    public val method: TrainingMethod = spec.create(graph, KotlinDlModelGraph.batchOf(model, data), seed)

    private val name = spec.name()

    /**
     * Trains until [budget] (counted from the start of this training, not of this call) is spent.
     * [progress] shows a progress bar on the console; [listeners] hear every step (telemetry).
     * With [checkpoints], a fresh training first resumes from the checkpoint there if one exists, and
     * a crash-safe checkpoint is saved every [checkpointEvery] steps and at the end.
     */
    @JvmOverloads
    public fun run(
        budget: Budget,
        progress: Boolean = true,
        listeners: List<TrainingListener> = emptyList(),
        checkpoints: File? = null,
        checkpointEvery: Long = 100,
    ): TrainingLoop.Summary {
        val loop = TrainingLoop.of(method, budget)
        listeners.forEach { loop.listener(it) }
        if (checkpoints != null) {
            val resumable = method as? ResumableMethod
                ?: throw IllegalArgumentException("checkpoints: ${method.name()} cannot be saved and resumed")
            if (method.steps() == 0L && findTrainingCheckpoint(checkpoints) != null) resumable.loadCheckpoint(checkpoints)
            loop.listener(CheckpointEvery(resumable, checkpoints, checkpointEvery))
        }
        if (progress) TrainingProgress.attach(loop, name)
        return loop.run()
    }
}

/** Binds [method] to this compiled model and [data]; see [ModelTraining]. */
public fun GraphTrainableModel.training(data: OnHeapDataset, method: MethodSpec, seed: Long = 1): ModelTraining =
    ModelTraining(this, data, method, seed)

/**
 * Trains this compiled model with [method] on [data] until [budget] is spent, in one call:
 * `model.train(train, cabs { learningRate = 0.1 }, Budget.examples(120_000))`.
 */
public fun GraphTrainableModel.train(
    data: OnHeapDataset,
    method: MethodSpec,
    budget: Budget,
    seed: Long = 1,
    progress: Boolean = true,
    listeners: List<TrainingListener> = emptyList(),
): TrainingLoop.Summary = training(data, method, seed).run(budget, progress, listeners)
