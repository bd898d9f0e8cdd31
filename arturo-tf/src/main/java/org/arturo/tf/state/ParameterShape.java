package org.arturo.tf.state;

import java.nio.IntBuffer;
import org.tensorflow.Operand;
import org.tensorflow.Shape;
import org.tensorflow.op.Ops;

/**
 * A parameter's shape for the initializer of its optimizer state: a constant where the graph knows the
 * shape, so that the initializer does not read the parameter. Run in the same session call as the
 * parameter's own initializer, a Shape op could see the parameter uninitialized; TF's graph optimizer
 * folds such a Shape to a constant, but a session may run without it. Only a shape the graph does not
 * know is read at run time.
 */
public final class ParameterShape {
    private ParameterShape() {
    }

    public static Operand<Integer> of(Ops tf, Operand<Float> parameter) {
        Shape shape = parameter.asOutput().shape();
        if (shape.numDimensions() < 0) {
            return tf.shape(parameter, Integer.class);
        }
        int[] dims = new int[shape.numDimensions()];
        for (int d = 0; d < dims.length; d++) {
            if (shape.size(d) < 0) {
                return tf.shape(parameter, Integer.class);
            }
            dims[d] = Math.toIntExact(shape.size(d));
        }
        // An empty shape (a scalar parameter) goes through a buffer: TF refuses an array with a 0 dimension.
        return tf.constant(new long[] {dims.length}, IntBuffer.wrap(dims));
    }
}
