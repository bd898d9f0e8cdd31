package org.arturo.tf;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.arturo.tf.graph.GraphInputs;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;

/**
 * What one optimizer step is built from: the graph's {@link Ops}, the parameters, one gradient per
 * parameter and, when known, the loss they are the gradient of. Methods that need more than the
 * gradient (the loss for a line search or ratio test, curvature-vector products) read it from here,
 * so they share the one {@link GraphOptimizer} contract. Checked when created.
 */
public final class StepInputs {
    private final Ops tf;
    private final List<Variable<Float>> parameters;
    private final List<Operand<Float>> gradients;
    private final Operand<Float> loss;

    private StepInputs(Ops tf, List<Variable<Float>> parameters, List<? extends Operand<Float>> gradients,
                       Operand<Float> loss) {
        GraphInputs.check(tf, parameters, gradients);
        this.tf = tf;
        this.parameters = List.copyOf(parameters);
        this.gradients = List.copyOf(gradients);
        this.loss = loss;
    }

    /** The gradients of {@code loss} with respect to {@code parameters}, computed in the graph; the loss is kept. */
    public static StepInputs ofLoss(Ops tf, Operand<Float> loss, List<Variable<Float>> parameters) {
        return new StepInputs(tf, parameters, GraphInputs.gradientsOf(tf, loss, parameters), loss);
    }

    /** Gradients you computed (clipped, averaged, ...), one per parameter in the same order. */
    public static StepInputs ofGradients(Ops tf, List<Variable<Float>> parameters,
                                         List<? extends Operand<Float>> gradients) {
        return new StepInputs(tf, parameters, gradients, null);
    }

    /** The same inputs, also carrying the loss the gradients belong to. */
    public StepInputs withLoss(Operand<Float> loss) {
        return new StepInputs(tf, parameters, gradients, Objects.requireNonNull(loss, "loss"));
    }

    public Ops tf() { return tf; }

    public List<Variable<Float>> parameters() { return parameters; }

    public List<Operand<Float>> gradients() { return gradients; }

    /** The loss, when the caller gave it ({@link #ofLoss} or {@link #withLoss}). */
    public Optional<Operand<Float>> loss() { return Optional.ofNullable(loss); }
}
