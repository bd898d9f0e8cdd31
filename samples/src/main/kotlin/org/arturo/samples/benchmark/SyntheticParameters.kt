package org.arturo.samples.benchmark

import org.tensorflow.Operand
import org.tensorflow.Shape
import org.tensorflow.op.Ops
import org.tensorflow.op.core.Variable
import org.tensorflow.op.random.RandomStandardNormal

/**
 * [count] parameters split like a 4-layer MLP (four weight matrices and four 256-element biases),
 * each with a gradient held in a variable of its own. [refresh] draws fresh gradients, so every timed
 * step sees a new gradient while the timed run itself contains the optimizer's ops only.
 */
class SyntheticParameters(tf: Ops, val count: Long, gradientScale: Float = 1e-2f, seed: Long = 7) {
    val parameters: List<Variable<Float>>
    val gradients: List<Variable<Float>>
    val initializers: List<Operand<*>>
    val refresh: List<Operand<*>>

    init {
        require(count >= 8 * BIAS) { "count must be at least ${8 * BIAS}, was $count" }
        val weight = count / 4 - BIAS
        val sizes = List(4) { i -> if (i == 3) count - 3 * (weight + BIAS) - BIAS else weight } +
            List(4) { BIAS }
        check(sizes.sum() == count)
        val params = mutableListOf<Variable<Float>>()
        val grads = mutableListOf<Variable<Float>>()
        val inits = mutableListOf<Operand<*>>()
        val refreshes = mutableListOf<Operand<*>>()
        sizes.forEachIndexed { i, size ->
            val shape = tf.constant(longArrayOf(size))
            val p = tf.withName("param$i").variable(Shape.make(size), Float::class.javaObjectType)
            val g = tf.withName("grad$i").variable(Shape.make(size), Float::class.javaObjectType)
            val noise = { s: Long ->
                tf.random.randomStandardNormal(shape, Float::class.javaObjectType,
                    RandomStandardNormal.seed(seed), RandomStandardNormal.seed2(s))
            }
            inits += tf.assign(p, tf.math.mul(noise(100L + i), tf.constant(0.05f)))
            inits += tf.assign(g, tf.math.mul(noise(200L + i), tf.constant(gradientScale)))
            refreshes += tf.assign(g, tf.math.mul(noise(300L + i), tf.constant(gradientScale)))
            params += p
            grads += g
        }
        parameters = params
        gradients = grads
        initializers = inits
        refresh = refreshes
    }

    companion object {
        const val BIAS = 256L
    }
}
