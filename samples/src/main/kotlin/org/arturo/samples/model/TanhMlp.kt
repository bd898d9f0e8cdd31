package org.arturo.samples.model

import org.arturo.samples.data.FashionMnist
import org.arturo.training.graph.ModelGraph
import org.tensorflow.Graph
import org.tensorflow.Operand
import org.tensorflow.Session
import org.tensorflow.Shape
import org.tensorflow.op.Ops
import org.tensorflow.op.core.Placeholder
import org.tensorflow.op.core.Variable
import java.nio.FloatBuffer
import kotlin.math.sqrt
import kotlin.random.Random

/**
 * The ellipsoidal trust-region paper's Fashion-MNIST network: 784 → 128 tanh → 10, softmax
 * cross-entropy averaged over the batch, 101,770 parameters, as a raw TF 1.15 graph in its own session.
 *
 * Inputs: `images` [m, 784] (pixels / 255) and `labels` [m] (the class index as a float, because a
 * [ModelGraph]'s inputs are float placeholders). Weights and biases start uniform in ±1/√fan_in, PyTorch's
 * default for linear layers, drawn on the host from [seed], so every method given the same seed starts
 * from the same bits.
 */
class TanhMlp(seed: Long) : AutoCloseable {
    private val graph = Graph()
    private val session = Session(graph)
    private val tf: Ops = Ops.create(graph)

    val images: Placeholder<Float> = tf.withName("images").placeholder(Float::class.javaObjectType,
        Placeholder.shape(Shape.make(-1, PIXELS.toLong())))
    val labels: Placeholder<Float> = tf.withName("labels").placeholder(Float::class.javaObjectType,
        Placeholder.shape(Shape.make(-1)))

    private val random = Random(seed)
    private val initializers = mutableListOf<Operand<*>>()
    private val w1 = parameter("w1", PIXELS, PIXELS.toLong(), HIDDEN.toLong())
    private val b1 = parameter("b1", PIXELS, HIDDEN.toLong())
    private val w2 = parameter("w2", HIDDEN, HIDDEN.toLong(), CLASSES.toLong())
    private val b2 = parameter("b2", HIDDEN, CLASSES.toLong())

    private val logits: Operand<Float> = tf.math.add(tf.linalg.matMul(tf.math.tanh(tf.math.add(tf.linalg.matMul(images, w1), b1)), w2), b2)
    private val classes: Operand<Int> = tf.dtypes.cast(labels, Int::class.javaObjectType)

    // TF 1.15's C++ gradient registry has the dense softmax cross-entropy, not the sparse one.
    val loss: Operand<Float> = tf.withName("loss").math.mean(
        tf.nn.softmaxCrossEntropyWithLogits(logits, tf.oneHot(classes, tf.constant(CLASSES), tf.constant(1f), tf.constant(0f))).loss(),
        tf.constant(0))

    /** The fraction of the batch whose most likely class is the label. */
    val accuracy: Operand<Float> = tf.math.mean(tf.dtypes.cast(tf.math.equal(
        tf.math.argMax(logits, tf.constant(1), Int::class.javaObjectType), classes), Float::class.javaObjectType), tf.constant(0))

    val variables: List<Variable<Float>> = listOf(w1, b1, w2, b2)

    /** The network as the training methods see it; its variables already hold their initial values. */
    val model: ModelGraph = ModelGraph(tf, session, listOf(images, labels), loss, variables)

    init {
        session.runner().apply { initializers.forEach { addTarget(it) } }.run()
    }

    /** A variable of [shape] whose initial value is uniform in ±1/√[fanIn], the layer's number of inputs. */
    private fun parameter(name: String, fanIn: Int, vararg shape: Long): Variable<Float> {
        val bound = 1 / sqrt(fanIn.toFloat())
        val values = FloatArray(shape.fold(1L) { n, d -> n * d }.toInt()) { (random.nextFloat() * 2 - 1) * bound }
        val v = tf.withName(name).variable(Shape.make(shape[0], *shape.copyOfRange(1, shape.size)), Float::class.javaObjectType)
        initializers += tf.assign(v, tf.constant(shape, FloatBuffer.wrap(values)))
        return v
    }

    override fun close() {
        session.close()
        graph.close()
    }

    companion object {
        const val PIXELS = FashionMnist.IMAGE_SIZE * FashionMnist.IMAGE_SIZE
        const val HIDDEN = 128
        const val CLASSES = FashionMnist.NUM_CLASSES
        const val PARAMETER_COUNT = PIXELS * HIDDEN + HIDDEN + HIDDEN * CLASSES + CLASSES
    }
}
