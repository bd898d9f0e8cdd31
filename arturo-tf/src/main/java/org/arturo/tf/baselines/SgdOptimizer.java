package org.arturo.tf.baselines;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.arturo.tf.state.PlainStateFactory;
import org.arturo.tf.state.StateFactory;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.train.ApplyMomentum;

/**
 * SGD with momentum, PyTorch semantics (docs/baselines.md, eq. B1–B3): g ← g + wd·θ; v ← μ·v + g;
 * θ ← θ − lr_t·v (Nesterov: θ ← θ − lr_t·(g + μ·v)). Built on TF's fused ApplyMomentum, whose
 * accumulator is exactly PyTorch's velocity (the learning rate is applied outside it).
 *
 * <p>State: one slot {@code momentum} per parameter (none when μ = 0); scalars {@code sgd_step} and,
 * with skipping on, {@code sgd_skipped_steps}.
 */
public final class SgdOptimizer extends BaselineOptimizer {
    /** Slot name of the velocity, as hosts and checkpoints see it. */
    public static final String VELOCITY_SLOT = "momentum";

    private final SgdConfig config;

    public SgdOptimizer(SgdConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public SgdConfig config() {
        return config;
    }

    @Override
    public String name() {
        return "SGD";
    }

    @Override
    String stateName() {
        return "sgd";
    }

    @Override
    BaselineUpdate build(Ops tf, List<Variable<Float>> parameters, List<? extends Operand<Float>> gradients,
                         StateFactory factory, PlainStateFactory plain) {
        SgdConfig c = config;
        List<Variable<Float>> velocities = new ArrayList<>();
        if (c.momentum() > 0) {
            for (Variable<Float> p : parameters) {
                velocities.add(factory.createSlot(tf, p, VELOCITY_SLOT, 0f));
            }
        }
        StepGuard guard = new StepGuard(tf, stateName(), gradients, c.skipNonFinite(), factory);
        Operand<Float> lr = guard.learningRate(tf, c.learningRate(), c.schedule());

        // Every input is computed before any write: a later read of a parameter would see the new value.
        List<Operand<Float>> effective = new ArrayList<>();
        for (int i = 0; i < parameters.size(); i++) {
            effective.add(WeightDecay.coupled(tf, gradients.get(i), parameters.get(i), c.weightDecay()));
        }
        List<Operand<?>> inputs = new ArrayList<>(effective);
        inputs.add(lr);
        Ops afterInputs = tf.withControlDependencies(inputs);
        List<Operand<?>> writes = new ArrayList<>();
        for (int i = 0; i < parameters.size(); i++) {
            Operand<Float> g = guard.ifFinite(tf, effective.get(i));
            if (c.momentum() > 0) {
                writes.add(afterInputs.train.applyMomentum(parameters.get(i), velocities.get(i), lr, g,
                        tf.constant((float) c.momentum()), ApplyMomentum.useNesterov(c.nesterov())));
            } else {
                writes.add(afterInputs.train.applyGradientDescent(parameters.get(i), lr, g));
            }
        }
        Operand<Float> trainOp = guard.trainOp(tf, stateName(), writes);
        return new BaselineUpdate(tf, trainOp, guard.lastLearningRate(tf, c.learningRate(), c.schedule()), guard, plain);
    }
}
