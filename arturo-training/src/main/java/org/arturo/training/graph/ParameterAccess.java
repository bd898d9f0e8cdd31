package org.arturo.training.graph;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Shape;
import org.tensorflow.Tensor;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;

/**
 * Reads a model's variables to the host and writes values back, bit for bit (the assign ops are built
 * once); and flattens them into one vector for host-side solvers.
 */
public final class ParameterAccess {
    private final Session session;
    private final List<Variable<Float>> variables;
    private final List<Placeholder<Float>> values = new ArrayList<>();
    private final List<Operand<Float>> assigns = new ArrayList<>();

    /** The model's trainable variables. */
    public ParameterAccess(ModelGraph model) {
        this(model.tf(), model.session(), model.variables());
    }

    /** Any float variables of one graph (a checkpoint's: the model's and an optimizer's state). */
    public ParameterAccess(Ops tf, Session session, List<Variable<Float>> variables) {
        this.session = session;
        this.variables = List.copyOf(variables);
        for (Variable<Float> v : this.variables) {
            Placeholder<Float> value = tf.placeholder(Float.class, Placeholder.shape(v.asOutput().shape()));
            values.add(value);
            assigns.add(tf.assign(v, value));
        }
    }

    /** The current values, one array per variable. */
    public List<float[]> read() {
        if (variables.isEmpty()) {
            return new ArrayList<>();
        }
        Session.Runner runner = session.runner();
        variables.forEach(runner::fetch);
        List<float[]> out = new ArrayList<>();
        for (Tensor<?> t : runner.run()) {
            try (t) {
                FloatBuffer buffer = FloatBuffer.allocate((int) t.numElements());
                t.expect(Float.class).writeTo(buffer);
                out.add(buffer.array());
            }
        }
        return out;
    }

    /** Writes one array per variable. */
    public void write(List<float[]> parameters) {
        if (parameters.size() != variables.size()) {
            throw new IllegalArgumentException("parameters: " + parameters.size() + " arrays for " + variables.size() + " variables");
        }
        if (parameters.isEmpty()) {
            return;
        }
        Session.Runner runner = session.runner();
        List<Tensor<?>> open = new ArrayList<>();
        try {
            for (int i = 0; i < parameters.size(); i++) {
                Tensor<Float> t = Tensor.create(shapeOf(variables.get(i)), FloatBuffer.wrap(parameters.get(i)));
                open.add(t);
                runner.feed(values.get(i), t).addTarget(assigns.get(i));
            }
            runner.run();
        } finally {
            open.forEach(Tensor::close);
        }
    }

    /** All variables' values in one vector, in order. */
    public static double[] flatten(List<float[]> parts) {
        int n = parts.stream().mapToInt(p -> p.length).sum();
        double[] out = new double[n];
        int k = 0;
        for (float[] p : parts) {
            for (float x : p) {
                out[k++] = x;
            }
        }
        return out;
    }

    /** The vector cut back into arrays shaped like {@code like}, rounded to float32. */
    public static List<float[]> unflatten(double[] vector, List<float[]> like) {
        List<float[]> out = new ArrayList<>();
        int k = 0;
        for (float[] p : like) {
            float[] part = new float[p.length];
            for (int j = 0; j < part.length; j++) {
                part[j] = (float) vector[k++];
            }
            out.add(part);
        }
        return out;
    }

    /** The static shape of {@code v} as an array. */
    public static long[] shapeOf(Variable<Float> v) {
        Shape s = v.asOutput().shape();
        long[] shape = new long[s.numDimensions()];
        for (int d = 0; d < shape.length; d++) {
            shape[d] = s.size(d);
        }
        return shape;
    }
}
