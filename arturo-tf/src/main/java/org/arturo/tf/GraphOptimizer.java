package org.arturo.tf;

import java.util.List;
import java.util.Objects;
import org.arturo.tf.graph.GraphInputs;
import org.arturo.tf.state.PlainStateFactory;
import org.arturo.tf.state.StateFactory;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;

/**
 * An optimizer that builds its update into any TensorFlow 1.15 graph. Every optimizer of the library
 * (arTuRO, the baselines, the families to come) extends it, so each one is used the same way:
 *
 * <pre>{@code
 * OptimizerUpdate update = new AdamOptimizer(AdamConfig.defaults()).minimize(tf, loss, List.of(w, b));
 * session.runner().addTarget(update.initializer()).run();                           // once
 * session.runner().feed(x, batch).feed(y, labels).addTarget(update.trainOp()).run(); // each step
 * DiagnosticValues d = update.diagnostics().read(session);
 * }</pre>
 *
 * <p>The front door is final: {@link #minimize} computes the gradients of a loss,
 * {@link #applyGradients} takes gradients you computed (clipped, averaged, ...), and
 * {@link #apply(StepInputs, StateFactory)} lets a host framework own the state. An optimizer
 * implements only {@link #buildStep}, receiving validated inputs (docs/architecture.md shows how).
 */
public abstract class GraphOptimizer {
    protected GraphOptimizer() {
    }

    /** A short name for logs and saved models, e.g. "arTuRO". */
    public abstract String name();

    /**
     * Prefix of the optimizer's scalar state ({@code <stateName>_step}) and of the variable scope of
     * its plain state, e.g. {@code arturo}. Hosts save state under these names, so they are stable.
     */
    public abstract String stateName();

    /**
     * Builds one step: every new value, then the guarded writes ({@link org.arturo.tf.graph.GuardedStep}).
     * All state is created through {@code state}; {@code inputs} are already checked.
     */
    protected abstract TrainStep buildStep(StepInputs inputs, StateFactory state);

    /** Minimizes {@code loss} over {@code parameters}; gradients are computed here, state lives in plain variables. */
    public final OptimizerUpdate minimize(Ops tf, Operand<Float> loss, List<Variable<Float>> parameters) {
        return apply(StepInputs.ofLoss(tf, loss, parameters));
    }

    /** Applies gradients you computed (one per parameter, same order); state lives in plain variables. */
    public final OptimizerUpdate applyGradients(Ops tf, List<Variable<Float>> parameters,
                                                List<? extends Operand<Float>> gradients) {
        return apply(StepInputs.ofGradients(tf, parameters, gradients));
    }

    /** Builds the update from {@code inputs}; state lives in plain variables under a fresh scope. */
    public final OptimizerUpdate apply(StepInputs inputs) {
        Objects.requireNonNull(inputs, "inputs");
        PlainStateFactory state = new PlainStateFactory(GraphInputs.unusedPrefix(inputs.tf(), stateName()));
        return apply(inputs, state);
    }

    /**
     * Builds the update with state created by {@code state}: a host framework's factory (KotlinDL slots)
     * owns the initializers; a {@link PlainStateFactory}'s initializer becomes {@link OptimizerUpdate#initializer()}.
     */
    public final OptimizerUpdate apply(StepInputs inputs, StateFactory state) {
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(state, "stateFactory");
        TrainStep step = buildStep(inputs, state);
        return new OptimizerUpdate(step, state instanceof PlainStateFactory plain
                ? plain.initializer(inputs.tf()).op() : null);
    }

    @Override
    public String toString() {
        return name();
    }
}
