package org.arturo.tf.baselines;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.arturo.tf.GraphUpdate;
import org.arturo.tf.state.PlainStateFactory;
import org.tensorflow.Operand;
import org.tensorflow.Operation;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.op.Ops;

/**
 * One baseline update built into a graph: the op to run per minibatch and the scalars to watch.
 *
 * <pre>{@code
 * BaselineUpdate update = new AdamOptimizer(AdamConfig.defaults()).minimize(tf, loss, List.of(w, b));
 * session.runner().addTarget(update.initializer()).run();                         // once
 * session.runner().feed(x, batch).feed(y, labels).addTarget(update.trainOp()).run(); // each step
 * BaselineUpdate.Values v = update.read(session);
 * }</pre>
 */
public final class BaselineUpdate implements GraphUpdate {
    private final Ops tf;
    private final Operand<Float> trainOp;
    private final Operand<Float> learningRate;
    private final Operand<Float> step;
    private final Operand<Float> skippedSteps;
    private final PlainStateFactory plainState;

    BaselineUpdate(Ops tf, Operand<Float> trainOp, Operand<Float> learningRate, StepGuard guard,
                   PlainStateFactory plainState) {
        this.tf = tf;
        this.trainOp = trainOp;
        this.learningRate = learningRate;
        this.step = guard.step;
        this.skippedSteps = guard.skippedSteps;
        this.plainState = plainState;
    }

    /** Run as a target once per minibatch. Its value is the updated step (or skipped-step) count. */
    @Override
    public Operand<Float> trainOp() {
        return trainOp;
    }

    /** The scheduled learning rate lr · factor(t) of the last applied step (before any: of the first). */
    public Operand<Float> learningRate() {
        return learningRate;
    }

    /** Applied steps so far: the schedule's step counter (Adam's bias correction uses step + 1). */
    public Operand<Float> step() {
        return step;
    }

    /** Steps skipped for a non-finite gradient; empty when the configuration turned skipping off. */
    public Optional<Operand<Float>> skippedSteps() {
        return Optional.ofNullable(skippedSteps);
    }

    /** learningRate, step and (when skipping is on) skippedSteps, by name. */
    @Override
    public Map<String, Operand<Float>> scalars() {
        Map<String, Operand<Float>> m = new LinkedHashMap<>();
        m.put("learningRate", learningRate);
        m.put("step", step);
        if (skippedSteps != null) {
            m.put("skippedSteps", skippedSteps);
        }
        return Collections.unmodifiableMap(m);
    }

    /**
     * Initializes the optimizer state (not your model's variables); run once before training.
     *
     * @throws IllegalStateException when a custom {@link org.arturo.tf.state.StateFactory} owns the state
     */
    public Operation initializer() {
        if (plainState == null) {
            throw new IllegalStateException("state was created by a custom StateFactory, which owns its initializers");
        }
        return plainState.initializer(tf).op();
    }

    /** Reads the scalars in one session run. */
    public Values read(Session session) {
        List<Operand<Float>> operands = new ArrayList<>(scalars().values());
        Session.Runner runner = session.runner();
        operands.forEach(runner::fetch);
        List<Tensor<?>> tensors = runner.run();
        try {
            double lr = tensors.get(0).floatValue();
            long steps = Math.round(tensors.get(1).floatValue());
            long skipped = tensors.size() > 2 ? Math.round(tensors.get(2).floatValue()) : 0;
            return new Values(lr, steps, skipped);
        } finally {
            tensors.forEach(Tensor::close);
        }
    }

    /** One reading of the scalars; skippedSteps is 0 when skipping is off. */
    public record Values(double learningRate, long step, long skippedSteps) {
    }
}
