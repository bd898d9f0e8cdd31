package org.arturo.tf.baselines;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.arturo.tf.ConfiguredOptimizer;
import org.arturo.tf.StepInputs;
import org.arturo.tf.TrainStep;
import org.arturo.tf.numerics.BiasCorrection;
import org.arturo.tf.numerics.WeightDecay;
import org.arturo.tf.state.StateFactory;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;

/**
 * Adam and AdamW with PyTorch's semantics and a bias correction that advances with every applied step
 * (docs/baselines.md, eq. B4–B7), on TF's fused ApplyAdam. {@link AdamConfig#decoupledWeightDecay()}
 * chooses AdamW's θ ← θ·(1 − lr_t·wd) before the step over Adam's coupled g ← g + wd·θ.
 *
 * <p>ApplyAdam folds the bias correction into its step size as lr·√(1−β2^t)/(1−β1^t), computing
 * 1 − β^t in float32 from β^t, which loses most digits for β2 near 1 and small t. So the correction
 * is computed here ({@link BiasCorrection}) from our own step counter, and ApplyAdam is handed
 * β-powers of 0 (correction 1) and the corrected step size. It also adds ε to √v where PyTorch adds it
 * to √v̂ = √v/√(1−β2^t); handing it ε·√(1−β2^t) makes the two identical.
 *
 * <p>State: slots {@code m} and {@code v} per parameter; scalars {@code adam_step} (AdamW:
 * {@code adamw_step}) and, with skipping on, {@code adam_skipped_steps} ({@code adamw_skipped_steps}).
 */
public final class AdamOptimizer extends ConfiguredOptimizer<AdamConfig> {
    /** Slot names of the first and second moment, as KotlinDL's own Adam names them. */
    public static final String FIRST_MOMENT_SLOT = "m";
    public static final String SECOND_MOMENT_SLOT = "v";

    /** Adam, or AdamW when {@code config.decoupledWeightDecay()}: named and stored apart, so a checkpoint of one is not taken for the other. */
    public AdamOptimizer(AdamConfig config) {
        super(config, Objects.requireNonNull(config, "config").decoupledWeightDecay() ? "AdamW" : "Adam",
                config.decoupledWeightDecay() ? "adamw" : "adam");
    }

    @Override
    protected TrainStep buildStep(StepInputs in, StateFactory state) {
        Ops tf = in.tf();
        List<Variable<Float>> parameters = in.parameters();
        List<Variable<Float>> m = new ArrayList<>();
        List<Variable<Float>> v = new ArrayList<>();
        for (Variable<Float> p : parameters) {
            m.add(state.createSlot(tf, p, FIRST_MOMENT_SLOT, 0f));
            v.add(state.createSlot(tf, p, SECOND_MOMENT_SLOT, 0f));
        }
        LearningRateStep step = new LearningRateStep(in, stateName(), config(), state);

        // Bias corrections at the 1-based step t = step + 1 (eq. B6).
        Operand<Float> t = tf.math.add(step.guard.step(), tf.constant(1f));
        Operand<Float> correction1 = BiasCorrection.oneMinusPower(tf, config().beta1(), t);
        Operand<Float> sqrtCorrection2 = tf.math.sqrt(BiasCorrection.oneMinusPower(tf, config().beta2(), t));
        Operand<Float> stepSize = tf.math.div(tf.math.mul(step.learningRate, sqrtCorrection2), correction1);
        Operand<Float> epsilonHat = tf.math.mul(tf.constant((float) config().epsilon()), sqrtCorrection2);

        boolean decoupled = config().decoupledWeightDecay() && config().weightDecay() > 0;
        List<Operand<Float>> effective = new ArrayList<>();
        List<Operand<Float>> decayed = new ArrayList<>();
        for (int i = 0; i < parameters.size(); i++) {
            Variable<Float> p = parameters.get(i);
            Operand<Float> g = in.gradients().get(i);
            effective.add(config().decoupledWeightDecay() ? g : WeightDecay.coupled(tf, g, p, config().weightDecay()));
            if (decoupled) {
                decayed.add(WeightDecay.decoupled(tf, p, step.learningRate, config().weightDecay()));
            }
        }
        List<Operand<?>> inputs = new ArrayList<>(effective);
        inputs.addAll(decayed);
        inputs.add(stepSize);
        inputs.add(epsilonHat);
        Operand<Float> trainOp = step.guard.commit(tf, secondMomentFinite(tf, step), inputs, (scope, gate) -> {
            Operand<Float> zero = scope.constant(0f);
            Operand<Float> beta1 = scope.constant((float) config().beta1());
            Operand<Float> beta2 = scope.constant((float) config().beta2());
            List<Operand<?>> writes = new ArrayList<>();
            for (int i = 0; i < parameters.size(); i++) {
                Ops write = scope;
                if (decoupled) {
                    // AdamW: θ ← θ·(1 − lr_t·wd) first (eq. B7); ApplyAdam then updates the decayed θ.
                    write = tf.withControlDependencies(List.of(
                            scope.assign(parameters.get(i), gate.apply(decayed.get(i)))));
                }
                writes.add(write.train.applyAdam(parameters.get(i), m.get(i), v.get(i), zero, zero, stepSize,
                        beta1, beta2, epsilonHat, gate.apply(effective.get(i))));
            }
            return writes;
        });
        return new TrainStep(trainOp, step.diagnostics(tf));
    }

    /**
     * The gradients are finite and so is the new second moment v = β2·v + (1 − β2)·g²: g² overflows
     * float32 from |g| ≈ 1.8e19 on, and an infinite v turns every later step into NaN. Requiring
     * (1 − β2)·max g² &lt; FLT_MAX/4 keeps v below FLT_MAX/2 for ever (by induction), at no extra pass.
     */
    private Operand<Boolean> secondMomentFinite(Ops tf, LearningRateStep step) {
        return step.finiteWithGradientsBelow(tf, (float) Math.sqrt(Float.MAX_VALUE / 4 / (1 - (float) config().beta2())));
    }
}
