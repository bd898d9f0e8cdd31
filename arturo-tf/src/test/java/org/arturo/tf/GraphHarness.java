package org.arturo.tf;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.arturo.tf.state.PlainStateFactory;
import org.arturo.tf.state.StateFactory;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Shape;
import org.tensorflow.Tensor;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;

/**
 * The one test harness: a raw TF graph with parameter variables and one gradient placeholder each.
 * Build any {@link GraphOptimizer} on it, feed any gradient (teacher forcing), read parameters,
 * optimizer state and diagnostics back. State lives in a {@link PlainStateFactory} the test can inspect;
 * every request the optimizer made for it is recorded ({@link #stateRequests()}).
 */
public final class GraphHarness implements AutoCloseable {
    public final Graph graph = new Graph();
    public final Ops tf = Ops.create(graph);
    public final Session session;
    public final List<Variable<Float>> parameters = new ArrayList<>();
    public final List<Placeholder<Float>> gradients = new ArrayList<>();
    /**
     * The within-batch gradient variances every optimizer is given ({@link StepInputs#withGradientVariances});
     * only M-SVAG with the minibatch variance reads them. {@link #step(List)} feeds 0.1·|g|.
     */
    public final List<Placeholder<Float>> gradientVariances = new ArrayList<>();
    public final PlainStateFactory state = new PlainStateFactory("opt");
    /** What the optimizer asked {@link #state} for, in order. */
    public final RecordingStateFactory recorder = new RecordingStateFactory(state);
    private final List<long[]> shapes = new ArrayList<>();
    private final List<Operand<?>> parameterInits = new ArrayList<>();
    public OptimizerUpdate update;

    /** One parameter per initial value array; {@code shapes.get(i)} gives its shape (product = length). */
    public GraphHarness(List<long[]> shapes, List<double[]> initial) {
        this(shapes, initial, null);
    }

    /** As above, in a session made with {@code sessionConfig} (a serialized ConfigProto; null: TF's defaults). */
    public GraphHarness(List<long[]> shapes, List<double[]> initial, byte[] sessionConfig) {
        session = sessionConfig == null ? new Session(graph) : new Session(graph, sessionConfig);
        for (int i = 0; i < shapes.size(); i++) {
            long[] shape = shapes.get(i);
            Shape s = shape.length == 0 ? Shape.scalar() : Shape.make(shape[0], Arrays.copyOfRange(shape, 1, shape.length));
            Variable<Float> v = tf.withName("param" + i).variable(s, Float.class);
            parameterInits.add(tf.assign(v, tf.constant(shape, FloatBuffer.wrap(toFloat(initial.get(i))))));
            parameters.add(v);
            gradients.add(tf.withName("grad" + i).placeholder(Float.class, Placeholder.shape(s)));
            gradientVariances.add(tf.withName("grad_variance" + i).placeholder(Float.class, Placeholder.shape(s)));
            this.shapes.add(shape);
        }
    }

    public GraphHarness(long[][] shapes, double[][] initial) {
        this(Arrays.asList(shapes), Arrays.asList(initial));
    }

    /** Builds {@code optimizer}'s update on the placeholders with the inspectable state, and initializes everything. */
    public OptimizerUpdate build(GraphOptimizer optimizer) {
        update = optimizer.apply(StepInputs.ofGradients(tf, parameters, new ArrayList<>(gradients))
                .withGradientVariances(new ArrayList<>(gradientVariances)), recorder);
        Session.Runner init = session.runner().addTarget(state.initializer(tf).op());
        parameterInits.forEach(init::addTarget);
        init.run();
        return update;
    }

    /** Initializes the parameters and runs {@code extra} (the initializers of state built by hand). */
    public void initialize(List<? extends Operand<?>> extra) {
        Session.Runner init = session.runner();
        parameterInits.forEach(init::addTarget);
        extra.forEach(init::addTarget);
        init.run();
    }

    /** One training step with these gradients (rounded to float32 as fed) and variances 0.1·|g|. */
    public void step(List<double[]> grads) {
        List<double[]> variances = new ArrayList<>();
        for (double[] g : grads) {
            double[] v = new double[g.length];
            for (int j = 0; j < g.length; j++) {
                v[j] = 0.1 * Math.abs(g[j]);
            }
            variances.add(v);
        }
        step(grads, variances);
    }

    /** One training step with these gradients and within-batch gradient variances. */
    public void step(List<double[]> grads, List<double[]> variances) {
        Session.Runner runner = session.runner().addTarget(update.trainOp());
        List<Tensor<?>> fed = new ArrayList<>();
        try {
            for (int i = 0; i < grads.size(); i++) {
                Tensor<Float> t = Tensor.create(shapes.get(i), FloatBuffer.wrap(toFloat(grads.get(i))));
                fed.add(t);
                runner.feed(gradients.get(i), t);
                Tensor<Float> v = Tensor.create(shapes.get(i), FloatBuffer.wrap(toFloat(variances.get(i))));
                fed.add(v);
                runner.feed(gradientVariances.get(i), v);
            }
            runner.run();
        } finally {
            fed.forEach(Tensor::close);
        }
    }

    public void step(double[]... grads) {
        step(Arrays.asList(grads));
    }

    /** Current values of the given variables, flattened. */
    public List<float[]> read(List<? extends Operand<Float>> variables) {
        Session.Runner runner = session.runner();
        variables.forEach(runner::fetch);
        List<float[]> values = new ArrayList<>();
        for (Tensor<?> t : runner.run()) {
            FloatBuffer buffer = FloatBuffer.allocate((int) t.numElements());
            t.expect(Float.class).writeTo(buffer);
            values.add(buffer.array());
            t.close();
        }
        return values;
    }

    /** {@link #read} as doubles. */
    public double[][] readDoubles(List<? extends Operand<Float>> variables) {
        List<float[]> floats = read(variables);
        double[][] values = new double[floats.size()][];
        for (int k = 0; k < values.length; k++) {
            values[k] = new double[floats.get(k).length];
            for (int j = 0; j < values[k].length; j++) {
                values[k][j] = floats.get(k)[j];
            }
        }
        return values;
    }

    public List<float[]> parameters() {
        return read(parameters);
    }

    public double[][] parameterValues() {
        return readDoubles(parameters);
    }

    /** Every optimizer state variable, in creation order. */
    public List<float[]> optimizerState() {
        return read(state.variables());
    }

    /** The per-parameter state (every slot of every parameter, in creation order), without the scalars. */
    public List<float[]> slotState() {
        List<Variable<Float>> slots = new ArrayList<>();
        for (Variable<Float> v : state.variables()) {
            if (parameters.stream().anyMatch(p -> v.op().name().contains("/" + p.op().name() + "/"))) {
                slots.add(v);
            }
        }
        return read(slots);
    }

    /** The state variable whose name ends with {@code suffix}, e.g. {@code "param0/quad"}. */
    public Variable<Float> stateVariable(String suffix) {
        return state.variables().stream().filter(v -> v.op().name().endsWith(suffix)).findFirst()
                .orElseThrow(() -> new AssertionError("no state variable named *" + suffix));
    }

    /** The slot {@code slotName} of every parameter, in parameter order, e.g. {@code slots("prec")}. */
    public List<Variable<Float>> slots(String slotName) {
        List<Variable<Float>> slots = new ArrayList<>();
        for (Variable<Float> p : parameters) {
            slots.add(stateVariable(p.op().name() + "/" + slotName));
        }
        return slots;
    }

    /** Every parameter, then every optimizer state variable in creation order: what a checkpoint holds. */
    public List<Variable<Float>> checkpointVariables() {
        List<Variable<Float>> all = new ArrayList<>(parameters);
        all.addAll(state.variables());
        return all;
    }

    /** Assigns {@code values} (flattened, as {@link #read} returns them) to {@code variables}: a restore. */
    public void assign(List<Variable<Float>> variables, List<float[]> values) {
        if (variables.size() != values.size()) {
            throw new IllegalArgumentException(variables.size() + " variables, " + values.size() + " values");
        }
        Session.Runner runner = session.runner();
        for (int i = 0; i < variables.size(); i++) {
            Variable<Float> v = variables.get(i);
            long[] shape = shapeOf(v);
            runner.addTarget(tf.assign(v, tf.constant(shape, FloatBuffer.wrap(values.get(i)))));
        }
        runner.run();
    }

    /** The requests the optimizer made for its state, e.g. {@code "param0:prec=100.0"}, {@code "arturo_step=0.0"}. */
    public List<String> stateRequests() {
        return recorder.requests();
    }

    public double scalar(Operand<Float> operand) {
        return read(List.of(operand)).get(0)[0];
    }

    public DiagnosticValues diagnostics() {
        return update.diagnostics().read(session);
    }

    /** The static shape of a variable (every dimension known). */
    public static long[] shapeOf(Operand<Float> operand) {
        Shape s = operand.asOutput().shape();
        long[] shape = new long[s.numDimensions()];
        for (int d = 0; d < shape.length; d++) {
            shape[d] = s.size(d);
        }
        return shape;
    }

    /** Elements of a variable with a fully known shape. */
    public static long elements(Operand<Float> operand) {
        long n = 1;
        for (long d : shapeOf(operand)) {
            if (d < 0) {
                throw new IllegalArgumentException(operand.asOutput().op().name() + " has an unknown dimension");
            }
            n *= d;
        }
        return n;
    }

    /**
     * A {@link StateFactory} that records every request ({@code "<parameter>:<slot>=<initial>"} for a slot,
     * {@code "<name>=<initial>"} for a scalar) and the elements of the per-parameter slots, then
     * delegates to another factory.
     */
    public static final class RecordingStateFactory implements StateFactory {
        private final StateFactory delegate;
        private final List<String> requests = new ArrayList<>();
        private final List<String> scalarNames = new ArrayList<>();
        private long slotElements;

        public RecordingStateFactory(StateFactory delegate) {
            this.delegate = delegate;
        }

        @Override
        public Variable<Float> createSlot(Ops tf, Variable<Float> parameter, String slotName, float initialValue) {
            requests.add(parameter.op().name() + ":" + slotName + "=" + initialValue);
            slotElements += elements(parameter);
            return delegate.createSlot(tf, parameter, slotName, initialValue);
        }

        @Override
        public Variable<Float> createScalar(Ops tf, String name, float initialValue) {
            requests.add(name + "=" + initialValue);
            scalarNames.add(name);
            return delegate.createScalar(tf, name, initialValue);
        }

        public List<String> requests() {
            return List.copyOf(requests);
        }

        /** The names of the scalars requested, in order. */
        public List<String> scalarNames() {
            return List.copyOf(scalarNames);
        }

        /** Elements of every slot requested so far (each slot is shaped like its parameter). */
        public long slotElements() {
            return slotElements;
        }
    }

    public static float[] toFloat(double[] values) {
        float[] f = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            f[i] = (float) values[i];
        }
        return f;
    }

    /** The values as float32 would hold them, so a double reference starts from what the graph sees. */
    public static double[][] asFed(double[]... values) {
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
