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
 * gradient (the loss for a line search or ratio test, curvature-vector products, the within-batch
 * variance of the gradient) read it from here, so they share the one {@link GraphOptimizer} contract.
 * Checked when created.
 */
public final class StepInputs {
    private final Ops tf;
    private final List<Variable<Float>> parameters;
    private final List<Operand<Float>> gradients;
    private final Operand<Float> loss;
    private final List<Operand<Float>> gradientVariances;

    private StepInputs(Ops tf, List<Variable<Float>> parameters, List<? extends Operand<Float>> gradients,
                       Operand<Float> loss, List<? extends Operand<Float>> gradientVariances) {
        GraphInputs.check(tf, parameters, gradients);
        this.tf = tf;
        this.parameters = List.copyOf(parameters);
        this.gradients = List.copyOf(gradients);
        this.loss = loss;
        this.gradientVariances = gradientVariances == null ? null : List.copyOf(gradientVariances);
    }

    /** The gradients of {@code loss} with respect to {@code parameters}, computed in the graph; the loss is kept. */
    public static StepInputs ofLoss(Ops tf, Operand<Float> loss, List<Variable<Float>> parameters) {
        return new StepInputs(tf, parameters, GraphInputs.gradientsOf(tf, loss, parameters), loss, null);
    }

    /** Gradients you computed (clipped, averaged, ...), one per parameter in the same order. */
    public static StepInputs ofGradients(Ops tf, List<Variable<Float>> parameters,
                                         List<? extends Operand<Float>> gradients) {
        return new StepInputs(tf, parameters, gradients, null, null);
    }

    /** The same inputs, also carrying the loss the gradients belong to. */
    public StepInputs withLoss(Operand<Float> loss) {
        return new StepInputs(tf, parameters, gradients, Objects.requireNonNull(loss, "loss"), gradientVariances);
    }

    /**
     * The same inputs, also carrying per element the variance of each minibatch gradient element
     * (unbiased, from per-example statistics: (1/(m − 1))·((1/m)·Σ g_i² − g²) for a batch of m), one
     * tensor per gradient in the same order and shape. M-SVAG with the minibatch variance needs it.
     */
    public StepInputs withGradientVariances(List<? extends Operand<Float>> variances) {
        if (variances == null || variances.size() != gradients.size()) {
            throw new IllegalArgumentException("gradientVariances: expected one per gradient (" + gradients.size()
                    + "), got " + (variances == null ? "null" : variances.size()));
        }
        for (int i = 0; i < variances.size(); i++) {
            if (variances.get(i) == null) {
                throw new IllegalArgumentException("gradientVariances[" + i + "] is null");
            }
            if (!variances.get(i).asOutput().shape().toString().equals(gradients.get(i).asOutput().shape().toString())) {
                throw new IllegalArgumentException("gradientVariances[" + i + "] has shape " + variances.get(i).asOutput().shape()
                        + ", its gradient " + gradients.get(i).asOutput().shape());
            }
        }
        return new StepInputs(tf, parameters, gradients, loss, variances);
    }

    public Ops tf() { return tf; }

    public List<Variable<Float>> parameters() { return parameters; }

    public List<Operand<Float>> gradients() { return gradients; }

    /** The loss, when the caller gave it ({@link #ofLoss} or {@link #withLoss}). */
    public Optional<Operand<Float>> loss() { return Optional.ofNullable(loss); }

    /** The per-element variances of the gradients, when the caller gave them ({@link #withGradientVariances}). */
    public Optional<List<Operand<Float>>> gradientVariances() { return Optional.ofNullable(gradientVariances); }
}
