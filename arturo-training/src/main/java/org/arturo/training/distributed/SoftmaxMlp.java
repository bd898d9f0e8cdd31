package org.arturo.training.distributed;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.tensorflow.Operand;
import org.tensorflow.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;

/**
 * A multilayer perceptron for classification as a {@link ReplicaModel}: dense layers with ReLU between
 * them, softmax cross-entropy on one-hot labels, mean over the shard. Inputs: features [b, in] and
 * one-hot labels [b, classes].
 */
public final class SoftmaxMlp implements ReplicaModel {
    private final int[] widths;

    /** {@code widths}: inputs, the hidden layers' widths, classes; for example {@code 784, 256, 10}. */
    public SoftmaxMlp(int... widths) {
        if (widths.length < 2) {
            throw new IllegalArgumentException("widths: expected inputs, [hidden...,] classes; got " + widths.length + " numbers");
        }
        for (int w : widths) {
            if (w < 1) {
                throw new IllegalArgumentException("widths: each layer needs at least 1 unit, got " + w);
            }
        }
        this.widths = widths.clone();
    }

    public int inputs() {
        return widths[0];
    }

    public int classes() {
        return widths[widths.length - 1];
    }

    /** Trainable parameters in all. */
    public long parameterCount() {
        long n = 0;
        for (int l = 0; l + 1 < widths.length; l++) {
            n += (long) widths[l] * widths[l + 1] + widths[l + 1];
        }
        return n;
    }

    @Override
    public List<Variable<Float>> createVariables(Ops tf) {
        List<Variable<Float>> vars = new ArrayList<>();
        for (int l = 0; l + 1 < widths.length; l++) {
            vars.add(tf.withName("kernel_" + l).variable(Shape.make(widths[l], widths[l + 1]), Float.class));
            vars.add(tf.withName("bias_" + l).variable(Shape.make(widths[l + 1]), Float.class));
        }
        return vars;
    }

    @Override
    public Replica replica(Ops tf, List<Variable<Float>> variables) {
        Placeholder<Float> x = tf.withName("features").placeholder(Float.class, Placeholder.shape(Shape.make(-1, inputs())));
        Placeholder<Float> y = tf.withName("labels").placeholder(Float.class, Placeholder.shape(Shape.make(-1, classes())));
        Operand<Float> h = x;
        int layers = widths.length - 1;
        for (int l = 0; l < layers; l++) {
            h = tf.math.add(tf.linalg.matMul(h, variables.get(2 * l)), variables.get(2 * l + 1));
            if (l + 1 < layers) {
                h = tf.nn.relu(h);
            }
        }
        Operand<Float> loss = tf.math.mean(tf.nn.softmaxCrossEntropyWithLogits(h, y).loss(), tf.constant(0));
        return new Replica(List.of(x, y), loss);
    }

    /** Glorot-uniform kernels and zero biases from {@code seed}, in {@link #createVariables} order. */
    public List<float[]> initialValues(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<float[]> values = new ArrayList<>();
        for (int l = 0; l + 1 < widths.length; l++) {
            float[] kernel = new float[widths[l] * widths[l + 1]];
            double limit = Math.sqrt(6.0 / (widths[l] + widths[l + 1]));
            for (int i = 0; i < kernel.length; i++) {
                kernel[i] = (float) random.nextDouble(-limit, limit);
            }
            values.add(kernel);
            values.add(new float[widths[l + 1]]);
        }
        return values;
    }
}
