package org.arturo.training.graph;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;

/** Small raw-graph models whose gradients, variances and curvature are known. */
final class Models implements AutoCloseable {
    final Graph graph = new Graph();
    final Ops tf = Ops.create(graph);
    final Session session = new Session(graph);
    final List<Variable<Float>> variables = new ArrayList<>();
    private final List<Operand<?>> inits = new ArrayList<>();

    Variable<Float> variable(String name, long[] shape, float[] initial) {
        Shape s = shape.length == 0 ? Shape.scalar() : Shape.make(shape[0], java.util.Arrays.copyOfRange(shape, 1, shape.length));
        Variable<Float> v = tf.withName(name).variable(s, Float.class);
        inits.add(tf.assign(v, tf.constant(shape, FloatBuffer.wrap(initial))));
        variables.add(v);
        return v;
    }

    Placeholder<Float> input(String name, long... rowShape) {
        long[] dims = new long[rowShape.length];
        System.arraycopy(rowShape, 0, dims, 0, rowShape.length);
        return tf.withName(name).placeholder(Float.class, Placeholder.shape(Shape.make(-1, dims)));
    }

    ModelGraph model(List<Placeholder<Float>> inputs, Operand<Float> loss) {
        ModelGraph m = new ModelGraph(tf, session, inputs, loss, variables);
        Session.Runner r = session.runner();
        inits.forEach(r::addTarget);
        r.run();
        return m;
    }

    /**
     * Loss = mean_i ½‖w − x_i‖² over a batch of rows x_i of {@code n} elements: the per-example gradient is
     * w − x_i, so the per-example variance of element j is the variance of x_·j.
     */
    static ModelGraph meanDistance(Models m, int n) {
        Variable<Float> w = m.variable("w", new long[] {n}, new float[n]);
        Placeholder<Float> x = m.input("x", n);
        Operand<Float> d = m.tf.math.sub(w, x);
        Operand<Float> perExample = m.tf.math.mul(m.tf.constant(0.5f), m.tf.reduceSum(m.tf.math.square(d), m.tf.constant(1)));
        return m.model(List.of(x), m.tf.math.mean(perExample, m.tf.constant(0)));
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }
}
