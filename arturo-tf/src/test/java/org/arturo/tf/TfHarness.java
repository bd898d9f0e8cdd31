package org.arturo.tf;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Shape;
import org.tensorflow.Tensor;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;

/**
 * A raw TF graph with parameter variables and one gradient placeholder each, for teacher-forced
 * tests: feed any gradient, run the update, read parameters back.
 */
final class TfHarness implements AutoCloseable {
    final Graph graph = new Graph();
    final Ops tf = Ops.create(graph);
    final Session session = new Session(graph);
    final List<Variable<Float>> parameters = new ArrayList<>();
    final List<Placeholder<Float>> gradients = new ArrayList<>();
    final List<long[]> shapes = new ArrayList<>();
    private final List<Operand<?>> parameterInits = new ArrayList<>();
    ArturoUpdate update;

    TfHarness(List<long[]> shapes, List<double[]> initial) {
        for (int i = 0; i < shapes.size(); i++) {
            long[] shape = shapes.get(i);
            Shape s = shape.length == 0 ? Shape.scalar() : Shape.make(shape[0], tail(shape));
            Variable<Float> v = tf.withName("param" + i).variable(s, Float.class);
            parameterInits.add(tf.assign(v, tf.constant(shape, FloatBuffer.wrap(toFloat(initial.get(i))))));
            parameters.add(v);
            gradients.add(tf.withName("grad" + i).placeholder(Float.class, Placeholder.shape(s)));
            this.shapes.add(shape);
        }
    }

    ArturoUpdate build(ArturoConfig config) {
        update = ArturoUpdate.applyGradients(tf, parameters, new ArrayList<>(gradients), config);
        Session.Runner init = session.runner().addTarget(update.initializer());
        parameterInits.forEach(init::addTarget);
        init.run();
        return update;
    }

    /** One training step with these gradients. */
    void step(List<double[]> grads) {
        Session.Runner runner = session.runner().addTarget(update.trainOp());
        List<Tensor<?>> fed = new ArrayList<>();
        for (int i = 0; i < grads.size(); i++) {
            Tensor<Float> t = Tensor.create(shapes.get(i), FloatBuffer.wrap(toFloat(grads.get(i))));
            fed.add(t);
            runner.feed(gradients.get(i), t);
        }
        runner.run();
        fed.forEach(Tensor::close);
    }

    /** Current values of the given variables, flattened. */
    List<float[]> read(List<? extends Operand<Float>> variables) {
        Session.Runner runner = session.runner();
        variables.forEach(runner::fetch);
        List<Tensor<?>> out = runner.run();
        List<float[]> values = new ArrayList<>();
        for (Tensor<?> t : out) {
            FloatBuffer buffer = FloatBuffer.allocate((int) t.numElements());
            t.expect(Float.class).writeTo(buffer);
            values.add(buffer.array());
            t.close();
        }
        return values;
    }

    List<float[]> parameters() {
        return read(parameters);
    }

    static float[] toFloat(double[] values) {
        float[] f = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            f[i] = (float) values[i];
        }
        return f;
    }

    private static long[] tail(long[] shape) {
        long[] rest = new long[shape.length - 1];
        System.arraycopy(shape, 1, rest, 0, rest.length);
        return rest;
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }
}
