package org.arturo.training.distributed;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.arturo.tf.graph.GraphInputs;
import org.arturo.tf.Diagnostic;
import org.arturo.tf.GraphOptimizer;
import org.arturo.tf.OptimizerUpdate;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;

/**
 * The graph of synchronous data-parallel training with in-graph replication: the model's variables, one
 * replica per worker computing w_i·∇L_i on its shard (w_i = b_i / B, its share of the global batch B),
 * the sum Σ w_i ∇L_i = ∇L of the global batch's mean loss, and one step of the optimizer on it. With
 * one replica and w_0 = 1 it is the plain single-process step, which is how the reference runs.
 *
 * <p>All names the trainer feeds and fetches are read off here; {@link #placed()} gives the GraphDef
 * with devices set ({@link DevicePlacement}).
 */
public final class DataParallelGraph implements AutoCloseable {
    private final Graph graph;
    private final boolean ownsGraph;
    private final String scope;
    private final int replicas;
    private final List<Variable<Float>> variables;
    private final List<Placeholder<Float>> initialValues = new ArrayList<>();
    private final String initializer;
    private final List<List<Placeholder<Float>>> replicaInputs = new ArrayList<>();
    private final List<Placeholder<Float>> shardWeights = new ArrayList<>();
    private final Operand<Float> loss;
    private final OptimizerUpdate update;

    public DataParallelGraph(ReplicaModel model, GraphOptimizer optimizer, int replicas) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(optimizer, "optimizer");
        if (replicas < 1) {
            throw new IllegalArgumentException("replicas: expected at least 1, got " + replicas);
        }
        this.replicas = replicas;
        Optional<Ops> existing = model.existingGraph();
        ownsGraph = existing.isEmpty();
        Ops root = existing.orElseGet(() -> Ops.create(new Graph()));
        graph = (Graph) root.scope().env();
        // One scope for everything built here, so a graph that holds a model already (or a second
        // data-parallel graph over the same model) keeps its names apart.
        scope = GraphInputs.unusedPrefix(root, "data_parallel");
        Ops tf = root.withSubScope(scope);
        variables = List.copyOf(ownsGraph ? model.createVariables(tf.withSubScope("model")) : model.createVariables(root));
        initializer = buildInitializer(tf.withSubScope("set_parameters"));

        List<List<Operand<Float>>> weightedGradients = new ArrayList<>();
        List<Operand<Float>> weightedLosses = new ArrayList<>();
        for (int i = 0; i < replicas; i++) {
            Ops r = tf.withSubScope(DevicePlacement.replicaScope(i));
            ReplicaModel.Replica replica = model.replica(r, variables);
            replicaInputs.add(replica.inputs());
            Placeholder<Float> weight = r.withName("shard_weight").placeholder(Float.class, Placeholder.shape(Shape.scalar()));
            shardWeights.add(weight);
            List<Operand<Float>> grads = new ArrayList<>();
            int k = 0;
            for (Operand<?> g : r.gradients(replica.loss(), variables)) {
                grads.add(r.math.mul(weight, floatOutput(g, variables.get(k++))));
            }
            weightedGradients.add(grads);
            weightedLosses.add(r.math.mul(weight, replica.loss()));
        }
        Ops ps = tf.withSubScope("average");
        List<Operand<Float>> gradients = new ArrayList<>();
        for (int v = 0; v < variables.size(); v++) {
            List<Operand<Float>> terms = new ArrayList<>();
            for (List<Operand<Float>> g : weightedGradients) {
                terms.add(g.get(v));
            }
            gradients.add(ps.math.addN(terms));
        }
        loss = ps.withName("loss").math.addN(weightedLosses);
        update = optimizer.applyGradients(tf, variables, gradients);
    }

    private String buildInitializer(Ops tf) {
        List<Operand<?>> assigns = new ArrayList<>();
        for (Variable<Float> v : variables) {
            Placeholder<Float> value = tf.placeholder(Float.class, Placeholder.shape(v.asOutput().shape()));
            initialValues.add(value);
            assigns.add(tf.assign(v, value));
        }
        return tf.withControlDependencies(assigns).withName("all").noOp().op().name();
    }

    @SuppressWarnings("unchecked")
    private static Operand<Float> floatOutput(Operand<?> gradient, Variable<Float> variable) {
        Output<?> out = gradient.asOutput();
        if (out.dataType() != org.tensorflow.DataType.FLOAT) {
            throw new IllegalArgumentException("the gradient of " + variable.op().name() + " is " + out.dataType());
        }
        return (Operand<Float>) gradient;
    }

    public int replicas() {
        return replicas;
    }

    public Graph graph() {
        return graph;
    }

    /** The GraphDef with each replica on its worker and the rest on the parameter server. */
    public org.tensorflow.framework.GraphDef placed() {
        return DevicePlacement.place(graph, scope, replicas);
    }

    List<Variable<Float>> variables() {
        return variables;
    }

    static String tensor(Operand<?> operand) {
        Output<?> o = operand.asOutput();
        return o.op().name() + ":" + o.index();
    }

    List<String> variableTensors() {
        return variables.stream().map(DataParallelGraph::tensor).toList();
    }

    List<String> initialValueTensors() {
        return initialValues.stream().map(DataParallelGraph::tensor).toList();
    }

    String parameterInitializer() {
        return initializer;
    }

    String stateInitializer() {
        return update.initializer().name();
    }

    String trainOp() {
        return update.trainOp().asOutput().op().name();
    }

    String lossTensor() {
        return tensor(loss);
    }

    /** The optimizer's count of skipped steps (non-finite or outlier gradients), if it keeps one. */
    String skippedStepsTensor() {
        return update.diagnostics().operand(Diagnostic.SKIPPED_STEPS).map(DataParallelGraph::tensor).orElse(null);
    }

    List<String> inputTensors(int replica) {
        return replicaInputs.get(replica).stream().map(DataParallelGraph::tensor).toList();
    }

    String shardWeightTensor(int replica) {
        return tensor(shardWeights.get(replica));
    }

    @Override
    public void close() {
        if (ownsGraph) {
            graph.close();
        }
    }
}
