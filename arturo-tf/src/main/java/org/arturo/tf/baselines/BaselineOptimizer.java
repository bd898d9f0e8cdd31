package org.arturo.tf.baselines;

import java.util.List;
import java.util.Objects;
import org.arturo.tf.GraphInputs;
import org.arturo.tf.GraphOptimizer;
import org.arturo.tf.state.PlainStateFactory;
import org.arturo.tf.state.StateFactory;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
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
        GraphInputs.check(tf, parameters, gradients);
        return build(tf, parameters, gradients, stateFactory, null);
    }

    /** For gradients you computed (clipped, averaged, ...); state lives in plain variables. */
    public final BaselineUpdate apply(Ops tf, List<Variable<Float>> parameters,
                                      List<? extends Operand<Float>> gradients) {
        GraphInputs.check(tf, parameters, gradients);
        PlainStateFactory plain = new PlainStateFactory(GraphInputs.unusedPrefix(tf, stateName()));
        return build(tf, parameters, gradients, plain, plain);
    }

    /** Gradients of {@code loss} are computed for you; state lives in plain variables. */
    public final BaselineUpdate minimize(Ops tf, Operand<Float> loss, List<Variable<Float>> parameters) {
        return apply(tf, parameters, GraphInputs.gradientsOf(tf, loss, parameters));
    }
}
