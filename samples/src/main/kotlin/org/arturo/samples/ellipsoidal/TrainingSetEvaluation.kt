package org.arturo.samples.ellipsoidal

import org.arturo.samples.model.TanhMlp
import org.tensorflow.Tensor

/** Mean loss and accuracy over a whole split. */
data class SplitMetrics(val loss: Double, val accuracy: Double)

/**
 * The full training-set loss and accuracy of the network's current parameters (the paper's measure,
 * not a minibatch estimate), in chunks so that the hidden activations stay small.
 */
fun evaluate(mlp: TanhMlp, data: FlatSplit, chunk: Int = 10_000): SplitMetrics {
    var loss = 0.0
    var correct = 0.0
    for (from in 0 until data.size step chunk) {
        val to = minOf(data.size, from + chunk)
        val runner = mlp.model.session().runner()
        val inputs = data.feedRange(runner, mlp, from, to)
        val out = try {
            runner.fetch(mlp.loss).fetch(mlp.accuracy).run()
        } finally {
            inputs.forEach(Tensor<*>::close)
        }
        try {
            loss += out[0].floatValue().toDouble() * (to - from)
            correct += out[1].floatValue().toDouble() * (to - from)
        } finally {
            out.forEach(Tensor<*>::close)
        }
    }
    return SplitMetrics(loss / data.size, correct / data.size)
}
