package org.arturo.tf;

import java.util.List;
import java.util.Objects;
import org.arturo.tf.state.PlainStateFactory;
import org.arturo.tf.state.StateFactory;
import org.tensorflow.Operand;
import org.tensorflow.Operation;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;

/**
 * The arTuRO update built into a TensorFlow 1.15 graph: one op that, run once per minibatch,
 * updates every parameter and the optimizer state.
 *
 * <pre>{@code
 * ArturoUpdate update = ArturoUpdate.minimize(tf, loss, List.of(w, b), ArturoConfig.defaults());
 * session.runner().addTarget(update.initializer()).run();              // once
 * session.runner().feed(x, batch).feed(y, labels).addTarget(update.trainOp()).run();  // each step
 * ArturoDiagnostics.Values d = update.diagnostics().read(session);
 * }</pre>
 */
public final class ArturoUpdate implements GraphUpdate {
    private final Operand<Float> trainOp;
    private final ArturoDiagnostics diagnostics;
    private final PlainStateFactory plainState;
    private final Ops tf;
    private final ArturoState state;

    private ArturoUpdate(Ops tf, Operand<Float> trainOp, ArturoState state, PlainStateFactory plainState) {
        this.tf = tf;
        this.state = state;
        this.trainOp = trainOp;
        this.diagnostics = new ArturoDiagnostics(state);
        this.plainState = plainState;
    }

    /** Gradients of {@code loss} are computed for you; state lives in plain variables. */
    public static ArturoUpdate minimize(Ops tf, Operand<Float> loss, List<Variable<Float>> parameters,
                                        ArturoConfig config) {
        PlainStateFactory state = new PlainStateFactory(GraphInputs.unusedPrefix(tf, "arturo"));
        return minimize(tf, loss, parameters, config, state, state);
    }

    /** Gradients of {@code loss} are computed for you; state is created by {@code stateFactory}. */
    public static ArturoUpdate minimize(Ops tf, Operand<Float> loss, List<Variable<Float>> parameters,
                                        ArturoConfig config, StateFactory stateFactory) {
        return minimize(tf, loss, parameters, config, stateFactory, null);
    }

    /** For gradients you computed (clipped, averaged, ...); state lives in plain variables. */
    public static ArturoUpdate applyGradients(Ops tf, List<Variable<Float>> parameters,
                                              List<? extends Operand<Float>> gradients, ArturoConfig config) {
        PlainStateFactory state = new PlainStateFactory(GraphInputs.unusedPrefix(tf, "arturo"));
        return build(tf, parameters, gradients, config, state, state);
    }

    /** For gradients you computed; state is created by {@code stateFactory} (e.g. as a host's slots). */
    public static ArturoUpdate applyGradients(Ops tf, List<Variable<Float>> parameters,
                                              List<? extends Operand<Float>> gradients, ArturoConfig config,
                                              StateFactory stateFactory) {
        return build(tf, parameters, gradients, config, stateFactory, null);
    }

    /** Run as a target once per minibatch. Its value is the updated step (or skipped-step) count. */
    @Override
    public Operand<Float> trainOp() {
        return trainOp;
    }

    /** Scalars describing the last step. */
    public ArturoDiagnostics diagnostics() {
        return diagnostics;
    }

    /** The state variables, for tests in this package. */
    ArturoState state() {
        return state;
    }

    /** The diagnostics by name: eta, klRatio, solverIterations, epsilon, step, skippedSteps. */
    @Override
    public java.util.Map<String, Operand<Float>> scalars() {
        return diagnostics.byName();
    }

    /**
     * Initializes the optimizer state (not your model's variables); run once before training.
     *
     * @throws IllegalStateException when a custom {@link StateFactory} owns the state
     */
    public Operation initializer() {
        if (plainState == null) {
            throw new IllegalStateException("state was created by a custom StateFactory, which owns its initializers");
        }
        return plainState.initializer(tf).op();
    }

    private static ArturoUpdate minimize(Ops tf, Operand<Float> loss, List<Variable<Float>> parameters,
                                         ArturoConfig config, StateFactory factory, PlainStateFactory plain) {
        return build(tf, parameters, GraphInputs.gradientsOf(tf, loss, parameters), config, factory, plain);
    }

    private static ArturoUpdate build(Ops tf, List<Variable<Float>> parameters,
                                      List<? extends Operand<Float>> gradients, ArturoConfig config,
                                      StateFactory factory, PlainStateFactory plain) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(factory, "stateFactory");
        GraphInputs.check(tf, parameters, gradients);
        ArturoState state = new ArturoState(tf, parameters, config, factory);
        Operand<Float> trainOp = new ArturoStepGraph(tf, config, parameters, gradients, state).trainOp();
        return new ArturoUpdate(tf, trainOp, state, plain);
    }
}
