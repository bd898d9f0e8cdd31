package org.arturo.samples.model

import org.jetbrains.kotlinx.dl.api.core.layer.Layer
import org.tensorflow.Operand
import org.tensorflow.Shape
import org.tensorflow.op.Ops
import org.tensorflow.op.random.RandomUniform

/**
 * Inverted dropout that is active while training and the identity when evaluating. KotlinDL 0.4.0's
 * own `Dropout` layer returns its input unchanged in both modes, so the paper's CNN needs this one.
 *
 * Works on KotlinDL's `training` placeholder (fed true by `fit`, false by `evaluate`/`predict`):
 * with t ∈ {0, 1} the keep probability is p = 1 − t·rate and the output is x · ⌊p + U⌋ / p,
 * U ~ Uniform[0, 1), which is x itself when t = 0.
 */
class TrainingDropout(
    val rate: Float,
    /** Seeds the random mask, so two runs with the same seed drop the same units. */
    val seed: Long,
    name: String = "",
) : Layer(name) {
    init {
        require(rate in 0f..0.99f) { "rate must be in [0, 0.99], was $rate" }
    }

    override fun build(tf: Ops, inputShape: Shape) {}

    override fun computeOutputShape(inputShape: Shape): Shape = inputShape

    override fun forward(tf: Ops, input: Operand<Float>, isTraining: Operand<Boolean>, numberOfLosses: Operand<Float>?): Operand<Float> {
        val training = tf.dtypes.cast(isTraining, Float::class.javaObjectType)
        val keep = tf.math.sub(tf.constant(1f), tf.math.mul(training, tf.constant(rate)))
        val noise = tf.random.randomUniform(tf.shape(input), Float::class.javaObjectType,
            RandomUniform.seed(seed), RandomUniform.seed2(seed + 1))
        val mask = tf.math.floor(tf.math.add(noise, keep))
        return tf.math.div(tf.math.mul(input, mask), keep)
    }

    override val hasActivation: Boolean get() = false

    override fun toString(): String = "TrainingDropout(name = $name, rate = $rate, seed = $seed)"
}
