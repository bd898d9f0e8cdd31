package org.arturo.tf.graph;

import org.tensorflow.Operand;
import org.tensorflow.op.core.Variable;

/** A new value for a state variable (or a parameter), written only if the step is applied. */
public record StateWrite(Variable<Float> target, Operand<Float> value) {
}
