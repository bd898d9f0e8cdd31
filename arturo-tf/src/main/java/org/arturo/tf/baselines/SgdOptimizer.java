package org.arturo.tf.baselines;

import java.util.ArrayList;
import java.util.List;
import org.arturo.tf.ConfiguredOptimizer;
import org.arturo.tf.StepInputs;
import org.arturo.tf.TrainStep;
import org.arturo.tf.numerics.WeightDecay;
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
public final class SgdOptimizer extends ConfiguredOptimizer<SgdConfig> {
    /** Slot name of the velocity, as hosts and checkpoints see it. */
    public static final String VELOCITY_SLOT = "momentum";

    public SgdOptimizer(SgdConfig config) {
        super(config, "SGD", "sgd");
    }

    @Override
    protected TrainStep buildStep(StepInputs in, StateFactory state) {
        Ops tf = in.tf();
        List<Variable<Float>> parameters = in.parameters();
        List<Variable<Float>> velocities = new ArrayList<>();
        if (config().momentum() > 0) {
            for (Variable<Float> p : parameters) {
                velocities.add(state.createSlot(tf, p, VELOCITY_SLOT, 0f));
            }
        }
        LearningRateStep step = new LearningRateStep(in, stateName(), config(), state);
        List<Operand<Float>> effective = new ArrayList<>();
        for (int i = 0; i < parameters.size(); i++) {
            effective.add(WeightDecay.coupled(tf, in.gradients().get(i), parameters.get(i), config().weightDecay()));
        }
        List<Operand<?>> inputs = new ArrayList<>(effective);
        inputs.add(step.learningRate);
        Operand<Float> trainOp = step.guard.commit(tf, step.finite, inputs, (scope, gate) -> {
            List<Operand<?>> writes = new ArrayList<>();
            for (int i = 0; i < parameters.size(); i++) {
                Operand<Float> g = gate.apply(effective.get(i));
                writes.add(config().momentum() > 0
                        ? scope.train.applyMomentum(parameters.get(i), velocities.get(i), step.learningRate, g,
                                scope.constant((float) config().momentum()), ApplyMomentum.useNesterov(config().nesterov()))
                        : scope.train.applyGradientDescent(parameters.get(i), step.learningRate, g));
            }
            return writes;
        });
        return new TrainStep(trainOp, step.diagnostics(tf));
    }
}
