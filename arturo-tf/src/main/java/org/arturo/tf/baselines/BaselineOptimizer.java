package org.arturo.tf.baselines;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.arturo.tf.GraphOptimizer;
import org.arturo.tf.state.PlainStateFactory;
import org.arturo.tf.state.StateFactory;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Operation;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Variable;

/**
 * The common face of the baseline optimizers: a {@link GraphOptimizer} for host adapters (KotlinDL),
 * plus entry points for a raw TF 1.15 graph whose state lives in plain variables.
 */
public abstract sealed class BaselineOptimizer implements GraphOptimizer
        permits SgdOptimizer, AdamOptimizer, AdamWOptimizer {

    BaselineOptimizer() {
    }

    /** Prefix of the optimizer's scalar state names, e.g. {@code adam} for {@code adam_step}. */
    abstract String stateName();

    /** Builds the update; arguments are checked. {@code plain} is non-null when it is the factory. */
    abstract BaselineUpdate build(Ops tf, List<Variable<Float>> parameters, List<? extends Operand<Float>> gradients,
                                  StateFactory factory, PlainStateFactory plain);

    /** For a host that owns the state (e.g. as KotlinDL slots and optimizer variables). */
    @Override
    public final BaselineUpdate apply(Ops tf, List<Variable<Float>> parameters,
                                      List<? extends Operand<Float>> gradients, StateFactory stateFactory) {
        Objects.requireNonNull(stateFactory, "stateFactory");
        check(tf, parameters, gradients);
        return build(tf, parameters, gradients, stateFactory, null);
    }

    /** For gradients you computed (clipped, averaged, ...); state lives in plain variables. */
    public final BaselineUpdate apply(Ops tf, List<Variable<Float>> parameters,
                                      List<? extends Operand<Float>> gradients) {
        check(tf, parameters, gradients);
        PlainStateFactory plain = new PlainStateFactory(uniquePrefix(tf));
        return build(tf, parameters, gradients, plain, plain);
    }

    /** Gradients of {@code loss} are computed for you; state lives in plain variables. */
    public final BaselineUpdate minimize(Ops tf, Operand<Float> loss, List<Variable<Float>> parameters) {
        Objects.requireNonNull(tf, "tf");
        Objects.requireNonNull(loss, "loss");
        checkParameters(parameters);
        Gradients gradients = tf.gradients(loss, parameters);
        List<Operand<Float>> dy = new ArrayList<>();
        for (int i = 0; i < parameters.size(); i++) {
            dy.add(gradients.dy(i));
        }
        return apply(tf, parameters, dy);
    }

    private static void check(Ops tf, List<Variable<Float>> parameters, List<? extends Operand<Float>> gradients) {
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

    private static void checkParameters(List<Variable<Float>> parameters) {
        if (parameters == null || parameters.isEmpty()) {
            throw new IllegalArgumentException("parameters: expected at least one variable to train");
        }
        for (int i = 0; i < parameters.size(); i++) {
            if (parameters.get(i) == null) {
                throw new IllegalArgumentException("parameters[" + i + "] is null");
            }
        }
    }

    /** "adam", or "adam_2", "adam_3", ... when the graph already has ops under that name. */
    private String uniquePrefix(Ops tf) {
        Graph graph = (Graph) tf.scope().env();
        String prefix = stateName();
        for (int i = 2; hasScope(graph, prefix); i++) {
            prefix = stateName() + "_" + i;
        }
        return prefix;
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
