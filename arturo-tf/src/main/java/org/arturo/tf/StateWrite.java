package org.arturo.tf;

import org.tensorflow.Operand;
import org.tensorflow.op.core.Variable;

/** A new value for a state variable, written only if the whole step is finite. */
record StateWrite(Variable<Float> target, Operand<Float> value) {
}
