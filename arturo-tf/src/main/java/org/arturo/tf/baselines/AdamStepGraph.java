package org.arturo.tf.baselines;

import java.util.ArrayList;
import java.util.List;
import org.arturo.tf.schedule.Schedule;
import org.arturo.tf.state.PlainStateFactory;
import org.arturo.tf.state.StateFactory;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;

/**
 * The Adam step shared by {@link AdamOptimizer} (coupled weight decay) and {@link AdamWOptimizer}
 * (decoupled), with PyTorch's semantics (docs/baselines.md, eq. B4–B7), on TF's fused ApplyAdam.
 *
 * <p>ApplyAdam folds the bias correction into its step size as lr·√(1−β2^t)/(1−β1^t), computing
 * 1 − β^t in float32 from β^t, which loses most digits for β2 near 1 and small t. So the correction
 * is computed here instead, as 1 − β^t = −expm1(t·ln β) (accurate for every t), from our own step
 * counter; ApplyAdam is handed β-powers of 0 (correction 1) and the corrected step size. It also
 * adds ε to √v where PyTorch adds it to √v̂ = √v/√(1−β2^t); handing it ε·√(1−β2^t) makes the two
 * identical.
 *
 * <p>ApplyAdam decays the moments with the float32 β (its 1 − β is exact in float32), and the
 * correction uses the same float32 β, so the corrected moments are exactly unbiased for the β the
 * kernel applies. For β2 = 0.9999 that β differs from the double by up to 3e-8, i.e. 1 − β2 by up
 * to 0.06%: a slightly different averaging horizon, never a bias.
 */
final class AdamStepGraph {
    /** Slot names, as KotlinDL's own Adam names them. */
    static final String FIRST_MOMENT = "m";
    static final String SECOND_MOMENT = "v";

    /** What differs between Adam and AdamW, plus the shared hyperparameters. */
    record Settings(String stateName, double learningRate, double beta1, double beta2, double epsilon,
                    double weightDecay, boolean decoupled, Schedule schedule, boolean skipNonFinite) {
    }

    private AdamStepGraph() {
    }

    static BaselineUpdate build(Ops tf, Settings s, List<Variable<Float>> parameters,
                                List<? extends Operand<Float>> gradients, StateFactory factory,
                                PlainStateFactory plain) {
        List<Variable<Float>> m = new ArrayList<>();
        List<Variable<Float>> v = new ArrayList<>();
        for (Variable<Float> p : parameters) {
            m.add(factory.createSlot(tf, p, FIRST_MOMENT, 0f));
            v.add(factory.createSlot(tf, p, SECOND_MOMENT, 0f));
        }
        StepGuard guard = new StepGuard(tf, s.stateName(), gradients, s.skipNonFinite(), factory);
        Operand<Float> lr = guard.learningRate(tf, s.learningRate(), s.schedule());

        // Bias corrections at the 1-based step t = step + 1 (eq. B6).
        Operand<Float> t = tf.math.add(guard.step, tf.constant(1f));
        Operand<Float> correction1 = oneMinusPower(tf, s.beta1(), t);
        Operand<Float> sqrtCorrection2 = tf.math.sqrt(oneMinusPower(tf, s.beta2(), t));
        Operand<Float> stepSize = tf.math.div(tf.math.mul(lr, sqrtCorrection2), correction1);
        Operand<Float> epsilonHat = tf.math.mul(tf.constant((float) s.epsilon()), sqrtCorrection2);
        Operand<Float> zero = tf.constant(0f);
        Operand<Float> beta1 = tf.constant((float) s.beta1());
        Operand<Float> beta2 = tf.constant((float) s.beta2());

        // Every input is computed before any write: a later read of a parameter would see the new value.
        List<Operand<Float>> effective = new ArrayList<>();
        List<Operand<Float>> decayed = new ArrayList<>();
        for (int i = 0; i < parameters.size(); i++) {
            Variable<Float> p = parameters.get(i);
            if (s.decoupled()) {
                effective.add(gradients.get(i));
                decayed.add(s.weightDecay() == 0 ? null : WeightDecay.decoupled(tf, p, lr, s.weightDecay()));
            } else {
                effective.add(WeightDecay.coupled(tf, gradients.get(i), p, s.weightDecay()));
                decayed.add(null);
            }
        }
        List<Operand<?>> inputs = new ArrayList<>(effective);
        decayed.stream().filter(d -> d != null).forEach(inputs::add);
        inputs.add(stepSize);
        inputs.add(epsilonHat);
        Ops afterInputs = tf.withControlDependencies(inputs);

        List<Operand<?>> writes = new ArrayList<>();
        for (int i = 0; i < parameters.size(); i++) {
            Ops scope = afterInputs;
            if (decayed.get(i) != null) {
                // AdamW: θ ← θ·(1 − lr_t·wd) first (eq. B7); ApplyAdam then updates the decayed θ.
                Operand<Float> decay = afterInputs.assign(parameters.get(i), guard.ifFinite(tf, decayed.get(i)));
                scope = tf.withControlDependencies(List.of(decay));
            }
            writes.add(scope.train.applyAdam(parameters.get(i), m.get(i), v.get(i), zero, zero, stepSize,
                    beta1, beta2, epsilonHat, guard.ifFinite(tf, effective.get(i))));
        }
        Operand<Float> trainOp = guard.trainOp(tf, s.stateName(), writes);
        return new BaselineUpdate(tf, trainOp, guard.lastLearningRate(tf, s.learningRate(), s.schedule()), guard,
                plain);
    }

    /** 1 − β^t = −expm1(t·ln β), exact to float rounding even when β^t is within an ulp of 1; 1 for β = 0. */
    private static Operand<Float> oneMinusPower(Ops tf, double beta, Operand<Float> t) {
        // ln of the float32 β the kernel applies; −∞ for β = 0: expm1(−∞) = −1, so the correction is 1.
        float logBeta = (float) Math.log((float) beta);
        return tf.math.neg(tf.math.expm1(tf.math.mul(t, tf.constant(logBeta))));
    }
}
