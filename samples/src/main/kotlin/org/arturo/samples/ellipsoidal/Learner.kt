package org.arturo.samples.ellipsoidal

import org.arturo.samples.model.TanhMlp
import org.arturo.training.SeededOrder
import org.arturo.training.etr.EllipsoidalTrustRegion
import org.arturo.training.etr.TrustRegionConfig
import org.arturo.tf.GraphOptimizer
import org.tensorflow.Tensor

/** What the trust region has done so far, as a checkpoint records it. */
data class TrustRegionState(val iterations: Long, val accepted: Long, val hvProducts: Long, val radius: Double)

/** One method training the network one step at a time, counting the backpropagations it spends. */
sealed interface Learner {
    val backprops: Long

    /** One step on the next batch drawn from [order]. */
    fun step(order: SeededOrder)

    /** The trust region's counters, or null for a first-order method. */
    fun trustRegionState(): TrustRegionState? = null
}

/** The ellipsoidal trust region: one iteration per step, costing one gradient plus two per Hv product. */
class TrustRegionLearner(mlp: TanhMlp, config: TrustRegionConfig, private val data: FlatSplit, private val batchSize: Int) : Learner {
    private val method = EllipsoidalTrustRegion(mlp.model, config)

    override val backprops: Long get() = method.backpropagations()

    override fun step(order: SeededOrder) {
        method.step(data.batch.rows(order.next(batchSize)))
    }

    override fun trustRegionState() =
        TrustRegionState(method.iterations(), method.acceptedSteps(), method.curvatureProducts(), method.radius())
}

/**
 * A library optimizer's training op on the same graph (`minimize`), run by TF itself: one step is one
 * gradient, so one backpropagation.
 */
class FirstOrderLearner(private val mlp: TanhMlp, optimizer: GraphOptimizer, private val data: FlatSplit,
                        private val batchSize: Int) : Learner {
    private val update = optimizer.minimize(mlp.model.tf(), mlp.loss, mlp.variables)
    private var steps = 0L

    init {
        mlp.model.session().runner().addTarget(update.initializer()).run()
    }

    override val backprops: Long get() = steps

    override fun step(order: SeededOrder) {
        val runner = mlp.model.session().runner().addTarget(update.trainOp())
        val inputs = data.feed(runner, mlp, order.next(batchSize))
        try {
            runner.run()
        } finally {
            inputs.forEach(Tensor<*>::close)
        }
        steps++
    }
}
