package org.arturo.tf.graph;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Operation;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Variable;

/**
 * What every optimizer's graph entry point needs before it builds anything: argument checks that
 * name the bad argument, gradients of a loss, and names not yet used in the graph.
 */
public final class GraphInputs {
    private GraphInputs() {
    }

    /** At least one parameter, none null. */
    public static void checkParameters(List<Variable<Float>> parameters) {
        if (parameters == null || parameters.isEmpty()) {
            throw new IllegalArgumentException("parameters: expected at least one variable to train");
        }
        for (int i = 0; i < parameters.size(); i++) {
            if (parameters.get(i) == null) {
                throw new IllegalArgumentException("parameters[" + i + "] is null");
            }
        }
    }

    /** {@link #checkParameters} plus one non-null gradient per parameter. */
    public static void check(Ops tf, List<Variable<Float>> parameters, List<? extends Operand<Float>> gradients) {
        Objects.requireNonNull(tf, "tf");
        checkParameters(parameters);
        if (gradients == null || gradients.size() != parameters.size()) {
            throw new IllegalArgumentException("gradients: expected one per parameter (" + parameters.size()
                    + "), got " + (gradients == null ? "null" : gradients.size()));
        }
        for (int i = 0; i < gradients.size(); i++) {
            if (gradients.get(i) == null) {
                throw new IllegalArgumentException("gradients[" + i + "] is null: parameter '"
                        + parameters.get(i).op().name() + "' does not influence the loss");
            }
        }
    }

    /** d loss / d parameter for each parameter, in order. */
    public static List<Operand<Float>> gradientsOf(Ops tf, Operand<Float> loss, List<Variable<Float>> parameters) {
        Objects.requireNonNull(tf, "tf");
        Objects.requireNonNull(loss, "loss");
        checkParameters(parameters);
        GradientSafety.check((Graph) tf.scope().env(), loss);
        Gradients gradients = tf.gradients(loss, parameters);
        List<Operand<Float>> dy = new ArrayList<>();
        for (int i = 0; i < parameters.size(); i++) {
            dy.add(gradients.dy(i));
        }
        return dy;
    }

    /** {@code base}, or {@code base_2}, {@code base_3}, ... when the graph already has ops under that name. */
    public static String unusedPrefix(Ops tf, String base) {
        Graph graph = (Graph) tf.scope().env();
        String prefix = base;
        for (int i = 2; hasScope(graph, prefix); i++) {
            prefix = base + "_" + i;
        }
        return prefix;
    }

    /** {@code base}, or {@code base_2}, {@code base_3}, ... when the graph already has an op of that name. */
    public static String unusedName(Ops tf, String base) {
        Graph graph = (Graph) tf.scope().env();
        String name = base;
        for (int i = 2; graph.operation(name) != null; i++) {
            name = base + "_" + i;
        }
        return name;
    }

    private static boolean hasScope(Graph graph, String prefix) {
        for (Iterator<Operation> it = graph.operations(); it.hasNext(); ) {
            String name = it.next().name();
            if (name.equals(prefix) || name.startsWith(prefix + "/")) {
                return true;
            }
        }
        return false;
    }
}
