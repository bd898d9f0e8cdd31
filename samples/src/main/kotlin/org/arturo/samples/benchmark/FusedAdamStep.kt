package org.arturo.samples.benchmark

import org.tensorflow.Operand
import org.tensorflow.Operation
import org.tensorflow.op.Ops
import org.tensorflow.op.core.Variable

/**
 * Adam as TensorFlow itself runs it: one fused `ApplyAdam` kernel per parameter, then the two
 * β-power updates under a control dependency (as TF's Python `AdamOptimizer` does). The reference
 * point for the optimizer-step timings.
 */
class FusedAdamStep(tf: Ops, parameters: List<Variable<Float>>, gradients: List<Operand<Float>>,
                    learningRate: Float = 1e-3f, beta1: Float = 0.9f, beta2: Float = 0.999f, epsilon: Float = 1e-8f) {
    val trainOp: Operation
    val initializers: List<Operand<*>>
    val stateBytes: Long

    init {
        val f = Float::class.javaObjectType
        val inits = mutableListOf<Operand<*>>()
        fun slot(p: Variable<Float>, name: String): Variable<Float> {
            val v = tf.withName("${p.op().name()}_adam_$name").variable(p.asOutput().shape(), f)
            val shape = p.asOutput().shape()
            val dims = LongArray(shape.numDimensions()) { shape.size(it) }
            inits += tf.assign(v, tf.fill(tf.constant(dims), tf.constant(0f)))
            return v
        }
        val beta1Power = tf.withName("adam_beta1_power").variable(org.tensorflow.Shape.scalar(), f)
        val beta2Power = tf.withName("adam_beta2_power").variable(org.tensorflow.Shape.scalar(), f)
        inits += tf.assign(beta1Power, tf.constant(beta1))
        inits += tf.assign(beta2Power, tf.constant(beta2))
        var bytes = 8L
        val applies = parameters.mapIndexed { i, p ->
            bytes += 8 * CountingStateFactory.elements(p)
            tf.train.applyAdam(p, slot(p, "m"), slot(p, "v"), beta1Power, beta2Power,
                tf.constant(learningRate), tf.constant(beta1), tf.constant(beta2), tf.constant(epsilon), gradients[i])
        }
        // β-powers advance after every ApplyAdam has read them.
        val after = tf.withControlDependencies(applies)
        val advance = listOf(
            after.assign(beta1Power, after.math.mul(beta1Power, after.constant(beta1))),
            after.assign(beta2Power, after.math.mul(beta2Power, after.constant(beta2))),
        )
        trainOp = tf.withControlDependencies(advance).withName("adam_train").noOp().op()
        initializers = inits
        stateBytes = bytes
    }
}
