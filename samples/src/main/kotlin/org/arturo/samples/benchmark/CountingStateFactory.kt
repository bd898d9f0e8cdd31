package org.arturo.samples.benchmark

import org.arturo.tf.state.PlainStateFactory
import org.arturo.tf.state.StateFactory
import org.tensorflow.op.Ops
import org.tensorflow.op.core.Variable

/**
 * Plain state variables that also add up their size, so the benchmark reports the persistent state
 * an optimizer really creates (float32: 4 bytes per element) instead of a number from its docs.
 */
class CountingStateFactory(prefix: String) : StateFactory {
    private val plain = PlainStateFactory(prefix)

    /** Bytes of every slot and scalar created so far. */
    var bytes: Long = 0
        private set

    override fun createSlot(tf: Ops, parameter: Variable<Float>, slotName: String, initialValue: Float): Variable<Float> {
        bytes += 4 * elements(parameter)
        return plain.createSlot(tf, parameter, slotName, initialValue)
    }

    override fun createScalar(tf: Ops, name: String, initialValue: Float): Variable<Float> {
        bytes += 4
        return plain.createScalar(tf, name, initialValue)
    }

    fun initializer(tf: Ops) = plain.initializer(tf)

    companion object {
        fun elements(variable: Variable<*>): Long {
            val shape = variable.asOutput().shape()
            var n = 1L
            for (i in 0 until shape.numDimensions()) n *= shape.size(i)
            return n
        }
    }
}
