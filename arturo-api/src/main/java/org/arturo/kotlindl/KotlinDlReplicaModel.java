package org.arturo.kotlindl;

import java.lang.reflect.Method;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.arturo.training.distributed.HostTensor;
import org.arturo.training.distributed.ReplicaModel;
import org.jetbrains.kotlinx.dl.api.core.Sequential;
import org.jetbrains.kotlinx.dl.api.core.layer.Layer;
import org.jetbrains.kotlinx.dl.api.core.layer.core.Input;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Shape;
import org.tensorflow.Tensor;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;

/**
 * A compiled KotlinDL {@link Sequential} model as a data-parallel {@link ReplicaModel}: each replica
 * calls every layer's own {@code forward} again on its shard's placeholders, in the model's graph, so
 * the replicas share the layers' variables (any layer type: dense, convolution, pooling, dropout), and
 * the loss is the model's compiled loss function. The trainable variables start from the model's
 * current weights; {@link #load} writes trained values back into the model.
 *
 * <p>Limits: a Sequential model only; no layer with a regularizer (KotlinDL adds those terms outside
 * the loss function, so a replica's loss would lack them), and no layer that updates state of its own
 * in the forward pass (such as batch normalization's moving averages). Dropout draws its own masks in
 * each replica, so such a model's trajectory is not the single process's.
 */
public final class KotlinDlReplicaModel implements ReplicaModel {
    private final Sequential model;
    private final Ops tf;
    private final List<Variable<Float>> variables;
    private List<Placeholder<Float>> loadValues;
    private List<Operand<Float>> loadAssigns;

    private KotlinDlReplicaModel(Sequential model) {
        this.model = model;
        this.tf = KotlinDlInternals.trainingGraphOf(model).tf();
        if (!model.isModelInitialized()) {
            model.init();
        }
        for (Layer layer : model.getLayers()) {
            requireNoRegularizer(layer);
        }
        this.variables = KotlinDlModelGraph.trainableVariables(model);
    }

    /** The adapter for a compiled model; initializes its variables first if nothing did yet. */
    public static KotlinDlReplicaModel of(Sequential model) {
        return new KotlinDlReplicaModel(model);
    }

    @Override
    public Optional<Ops> existingGraph() {
        return Optional.of(tf);
    }

    @Override
    public List<Variable<Float>> createVariables(Ops ignored) {
        return variables;
    }

    @Override
    public Replica replica(Ops r, List<Variable<Float>> shared) {
        long[] dims = model.getInputDimensions();
        Placeholder<Float> x = r.withName("features").placeholder(Float.class, Placeholder.shape(batchOf(dims)));
        int classes = (int) Math.max(1, model.getNumberOfClasses());
        Placeholder<Float> y = r.withName("labels").placeholder(Float.class, Placeholder.shape(Shape.make(-1, classes)));
        // What fit feeds as the number of loss terms (rows × classes), computed from this shard's rows.
        Operand<Float> rows = r.dtypes.cast(r.gather(r.shape(x), r.constant(0), r.constant(0)), Float.class);
        Operand<Float> numberOfLosses = r.math.mul(rows, r.constant((float) classes));
        Operand<Boolean> training = r.constant(true);
        Operand<Float> out = x;
        for (Layer layer : model.getLayers()) {
            if (!(layer instanceof Input)) {
                out = layer.forward(r, out, training, numberOfLosses);
            }
        }
        return new Replica(List.of(x, y), model.getLoss().apply(r, out, y, numberOfLosses));
    }

    /** The model's current weights of its trainable variables, the order of {@link #createVariables}. */
    public List<float[]> initialValues() {
        Session.Runner runner = KotlinDlInternals.sessionOf(model).runner();
        variables.forEach(runner::fetch);
        List<Tensor<?>> values = runner.run();
        List<float[]> out = new ArrayList<>();
        for (Tensor<?> t : values) {
            float[] a = new float[t.numElements()];
            t.expect(Float.class).writeTo(FloatBuffer.wrap(a));
            t.close();
            out.add(a);
        }
        return out;
    }

    /** Writes {@code parameters} (a data-parallel run's result) into the model's own session. */
    public void load(List<HostTensor> parameters) {
        if (parameters.size() != variables.size()) {
            throw new IllegalArgumentException("parameters: the model has " + variables.size() + " trainable variables, got "
                    + parameters.size());
        }
        if (loadValues == null) {
            // Built once, on first use: placeholders and assigns in the model's graph.
            Ops scope = tf.withSubScope(org.arturo.tf.graph.GraphInputs.unusedPrefix(tf, "load_parameters"));
            loadValues = new ArrayList<>();
            loadAssigns = new ArrayList<>();
            for (Variable<Float> v : variables) {
                Placeholder<Float> value = scope.placeholder(Float.class, Placeholder.shape(v.asOutput().shape()));
                loadValues.add(value);
                loadAssigns.add(scope.assign(v, value));
            }
        }
        Session.Runner runner = KotlinDlInternals.sessionOf(model).runner();
        List<Tensor<?>> open = new ArrayList<>();
        try {
            for (int i = 0; i < variables.size(); i++) {
                HostTensor p = parameters.get(i);
                Tensor<Float> value = Tensor.create(p.shape(), FloatBuffer.wrap(p.values()));
                open.add(value);
                runner.feed(loadValues.get(i), value).addTarget(loadAssigns.get(i));
            }
            runner.run();
        } finally {
            open.forEach(Tensor::close);
        }
    }

    private static Shape batchOf(long[] dims) {
        return Shape.make(-1, dims);
    }

    /** KotlinDL adds regularization terms to the training loss outside the loss function: refuse them. */
    private static void requireNoRegularizer(Layer layer) {
        for (Method m : layer.getClass().getMethods()) {
            if (m.getName().endsWith("Regularizer") && m.getName().startsWith("get") && m.getParameterCount() == 0) {
                Object regularizer;
                try {
                    regularizer = m.invoke(layer);
                } catch (ReflectiveOperationException e) {
                    continue;
                }
                if (regularizer != null) {
                    throw new IllegalArgumentException("layer " + layer.getName() + " has a "
                            + m.getName().substring(3) + ": data-parallel replicas of a KotlinDL model cannot include"
                            + " regularization terms; remove it or write the model as a ReplicaModel");
                }
            }
        }
    }
}
