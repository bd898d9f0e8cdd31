package org.arturo.tf;

import org.tensorflow.Operand;
import org.tensorflow.Operation;

/**
 * One optimizer built into a graph, whatever the optimizer: the op to run per minibatch, the
 * initializer of its state, and its diagnostics. Returned by every {@link GraphOptimizer} entry point.
 */
public final class OptimizerUpdate {
    private final TrainStep step;
    private final Operation initializer;

    OptimizerUpdate(TrainStep step, Operation initializer) {
        this.step = step;
        this.initializer = initializer;
    }

    /** Run as a target once per minibatch. Its value is the updated applied (or skipped) step count. */
    public Operand<Float> trainOp() {
        return step.trainOp();
    }

    /** The scalars that describe the last step, with one way to read them. */
    public Diagnostics diagnostics() {
        return step.diagnostics();
    }

    /**
     * Initializes the optimizer state (not your model's variables); run once before training.
     *
     * @throws IllegalStateException when a host's {@link org.arturo.tf.state.StateFactory} owns the state
     */
    public Operation initializer() {
        if (initializer == null) {
            throw new IllegalStateException("state was created by a custom StateFactory, which owns its initializers");
        }
        return initializer;
    }
}
