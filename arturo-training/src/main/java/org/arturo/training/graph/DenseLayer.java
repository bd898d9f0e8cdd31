package org.arturo.training.graph;

import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.op.core.Variable;

/**
 * A dense layer z = x·W + b of a model's graph, as {@link WithinBatchVariance} needs it: the layer's
 * input x [m, in], its pre-activation z [m, out], the kernel W [in, out] and the bias b [out] (null if
 * the layer has none).
 */
public record DenseLayer(Operand<Float> input, Operand<Float> preActivation, Variable<Float> kernel,
                         Variable<Float> bias) {
    public DenseLayer {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(preActivation, "preActivation");
        Objects.requireNonNull(kernel, "kernel");
        if (input.asOutput().shape().numDimensions() != 2 || preActivation.asOutput().shape().numDimensions() != 2
                || kernel.asOutput().shape().numDimensions() != 2) {
            throw new IllegalArgumentException("a dense layer has a rank-2 input, pre-activation and kernel; got "
                    + input.asOutput().shape() + ", " + preActivation.asOutput().shape() + ", " + kernel.asOutput().shape());
        }
    }
}
