package org.arturo.tf.baselines;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import org.arturo.tf.state.PlainStateFactory;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Shape;
import org.tensorflow.Tensor;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;

/**
 * A raw TF graph with parameter variables and one gradient placeholder each: feed any gradient, run
 * the update, read parameters and optimizer state back. State lives in a {@link PlainStateFactory}
 * the test can inspect.
 */
final class GraphHarness implements AutoCloseable {
    final Graph graph = new Graph();
    final Ops tf = Ops.create(graph);
    final Session session = new Session(graph);
    final List<Variable<Float>> parameters = new ArrayList<>();
    final List<Placeholder<Float>> gradients = new ArrayList<>();
    final PlainStateFactory state = new PlainStateFactory("opt");
    private final List<long[]> shapes = new ArrayList<>();
    private final List<Operand<?>> parameterInits = new ArrayList<>();
    BaselineUpdate update;

    /** One parameter per initial value array; {@code shapes[i]} gives its shape (product = length). */
    GraphHarness(long[][] shapes, double[][] initial) {
        for (int i = 0; i < shapes.length; i++) {
            long[] shape = shapes[i];
            Shape s = Shape.make(shape[0], java.util.Arrays.copyOfRange(shape, 1, shape.length));
            Variable<Float> v = tf.withName("param" + i).variable(s, Float.class);
            parameterInits.add(tf.assign(v, tf.constant(shape, FloatBuffer.wrap(toFloat(initial[i])))));
            parameters.add(v);
            gradients.add(tf.withName("grad" + i).placeholder(Float.class, Placeholder.shape(s)));
            this.shapes.add(shape);
        }
    }

    /** Builds {@code optimizer}'s update with the inspectable state factory and initializes everything. */
    BaselineUpdate build(BaselineOptimizer optimizer) {
        update = optimizer.apply(tf, parameters, new ArrayList<>(gradients), state);
        Session.Runner init = session.runner().addTarget(state.initializer(tf).op());
        parameterInits.forEach(init::addTarget);
        init.run();
        return update;
    }

    /** One training step with these gradients (rounded to float32 as fed). */
    void step(double[]... grads) {
        Session.Runner runner = session.runner().addTarget(update.trainOp());
        List<Tensor<?>> fed = new ArrayList<>();
        for (int i = 0; i < grads.length; i++) {
            Tensor<Float> t = Tensor.create(shapes.get(i), FloatBuffer.wrap(toFloat(grads[i])));
            fed.add(t);
            runner.feed(gradients.get(i), t);
        }
        try {
            runner.run();
        } finally {
            fed.forEach(Tensor::close);
        }
    }

    /** Current values of the given variables, flattened, as doubles. */
    double[][] read(List<? extends Operand<Float>> variables) {
        Session.Runner runner = session.runner();
        variables.forEach(runner::fetch);
        List<Tensor<?>> out = runner.run();
        double[][] values = new double[out.size()][];
        for (int k = 0; k < out.size(); k++) {
            Tensor<?> t = out.get(k);
            FloatBuffer buffer = FloatBuffer.allocate((int) t.numElements());
            t.expect(Float.class).writeTo(buffer);
            values[k] = new double[buffer.capacity()];
            for (int j = 0; j < values[k].length; j++) {
                values[k][j] = buffer.get(j);
            }
            t.close();
        }
        return values;
    }

    double[][] parameters() {
        return read(parameters);
    }

    /** Every optimizer state variable, in creation order. */
    double[][] optimizerState() {
        return read(state.variables());
    }

    double scalar(Operand<Float> operand) {
        return read(List.of(operand))[0][0];
    }

    static float[] toFloat(double[] values) {
        float[] f = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            f[i] = (float) values[i];
        }
        return f;
    }

    /** The values as float32 would hold them, so a double reference starts from what the graph sees. */
    static double[][] asFed(double[]... values) {
        double[][] out = new double[values.length][];
        for (int i = 0; i < values.length; i++) {
            out[i] = new double[values[i].length];
            for (int j = 0; j < values[i].length; j++) {
                out[i][j] = (float) values[i][j];
            }
        }
        return out;
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }
}
