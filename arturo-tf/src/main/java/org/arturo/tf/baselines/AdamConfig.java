package org.arturo.tf.baselines;

import org.arturo.tf.Check;
import org.arturo.tf.InvalidHyperparameterException;
import org.arturo.tf.config.LearningRateConfig;

/**
 * Hyperparameters of Adam, with coupled L2 weight decay (PyTorch's {@code torch.optim.Adam}) or, with
 * {@link #decoupledWeightDecay()}, decoupled weight decay (AdamW, {@code torch.optim.AdamW}):
 * immutable, validated, built with {@link #builder()} or {@link #adamWBuilder()}. Every setter
 * rejects NaN, values that are not a normal float32 (β = 0.9999999999 rounds to 1.0f) and
 * out-of-range values with an {@link InvalidHyperparameterException} naming the parameter, value and
 * valid range. {@link Builder#build()} checks what the graph derives from several values, at the
 * schedule's largest factor: lr_t·weightDecay &lt; 1 for AdamW's decoupled decay, the denominator's
 * ε·√(1 − β2^t) a normal float32, and the step size lr_t·√(1 − β2^t)/(1 − β1^t) finite.
 *
 * <p>Defaults are PyTorch's: learningRate 1e-3, beta1 0.9, beta2 0.999, epsilon 1e-8, weightDecay 0
 * for Adam and 0.01 for AdamW; constant schedule, skipNonFinite on. For the paper's tuned values use
 * {@link AdamPreset} and {@link AdamWPreset}. Update rule: docs/baselines.md.
 */
public final class AdamConfig extends LearningRateConfig {
    /** PyTorch's AdamW default weight decay. */
    public static final double ADAMW_DEFAULT_WEIGHT_DECAY = 0.01;

    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final boolean decoupledWeightDecay;

    private AdamConfig(Builder b) {
        super(b);
        beta1 = b.beta1;
        beta2 = b.beta2;
        epsilon = b.epsilon;
        decoupledWeightDecay = b.decoupledWeightDecay;
    }

    /** Adam: coupled weight decay, default 0. */
    public static Builder builder() {
        return new Builder(false, 0);
    }

    /** AdamW: decoupled weight decay, default 0.01. */
    public static Builder adamWBuilder() {
        return new Builder(true, ADAMW_DEFAULT_WEIGHT_DECAY);
    }

    /** Adam with PyTorch's defaults. */
    public static AdamConfig defaults() {
        return builder().build();
    }

    /** AdamW with PyTorch's defaults. */
    public static AdamConfig adamWDefaults() {
        return adamWBuilder().build();
    }

    /** A builder starting from this configuration, to override single values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** β1: decay of the first-moment (mean) estimate. */
    public double beta1() { return beta1; }

    /** β2: decay of the second-moment (uncentered variance) estimate. */
    public double beta2() { return beta2; }

    /** ε: added to the bias-corrected √v̂ (PyTorch's placement). */
    public double epsilon() { return epsilon; }

    /**
     * False (Adam): g ← g + weightDecay·θ, so the decay also enters both moments. True (AdamW):
     * θ ← θ·(1 − lr_t·weightDecay) before the Adam step, never entering the moments.
     */
    public boolean decoupledWeightDecay() { return decoupledWeightDecay; }

    @Override
    public String toString() {
        return (decoupledWeightDecay ? "AdamWConfig{" : "AdamConfig{") + sharedToString() + ", beta1=" + beta1
                + ", beta2=" + beta2 + ", epsilon=" + epsilon + "}";
    }

    /** Mutable, validating builder; every setter checks its value at once. */
    public static final class Builder extends LearningRateConfig.Builder<Builder, AdamConfig> {
        private double beta1 = 0.9;
        private double beta2 = 0.999;
        private double epsilon = 1e-8;
        private boolean decoupledWeightDecay;

        private Builder(boolean decoupledWeightDecay, double weightDecay) {
            super(1e-3, weightDecay);
            this.decoupledWeightDecay = decoupledWeightDecay;
        }

        private Builder(AdamConfig c) {
            super(c);
            beta1(c.beta1).beta2(c.beta2).epsilon(c.epsilon).decoupledWeightDecay(c.decoupledWeightDecay);
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** β1 in [0, 1) as a float32: 1 − β1 must be &gt; 0, so 0.9999999999 (1.0f) is rejected. */
        public Builder beta1(double value) { beta1 = Check.fractionFloat("beta1", value, true); order().set("beta1"); return this; }

        /** β2 in [0, 1) as a float32: 1 − β2 must be &gt; 0, so 0.9999999999 (1.0f) is rejected. */
        public Builder beta2(double value) { beta2 = Check.fractionFloat("beta2", value, true); order().set("beta2"); return this; }

        /** ε: a positive normal float32; {@link #build()} checks ε·√(1 − β2). */
        public Builder epsilon(double value) {
            epsilon = Check.positiveFloat("epsilon", value);
            order().set("epsilon");
            return this;
        }

        /** True for AdamW's decoupled weight decay, false for Adam's coupled L2. */
        public Builder decoupledWeightDecay(boolean value) { decoupledWeightDecay = value; return this; }

        /** Applies an Adam preset's tuned values (coupled decay), keeping everything else. */
        public Builder preset(AdamPreset preset) {
            return tuned(Check.notNull("preset", preset).config());
        }

        /** Applies an AdamW preset's tuned values (decoupled decay), keeping everything else. */
        public Builder preset(AdamWPreset preset) {
            return tuned(Check.notNull("preset", preset).config());
        }

        private Builder tuned(AdamConfig c) {
            return decoupledWeightDecay(c.decoupledWeightDecay).learningRate(c.learningRate()).beta1(c.beta1)
                    .beta2(c.beta2).weightDecay(c.weightDecay());
        }

        /**
         * Checks the values that depend on each other, then freezes them: the shared checks (lr_t finite;
         * for AdamW lr_t·weightDecay &lt; 1), ε̂ = ε·√(1 − β2^t) a normal float32 at t = 1, where it is
         * smallest (with ε̂ = 0 an element whose gradient is always 0 becomes 0/0 = NaN), and the step size
         * lr_t·√(1 − β2^t)/(1 − β1^t) ≤ lr_t·max(1, √(1 − β2)/(1 − β1)) finite (docs/baselines.md, eq. B6).
         */
        @Override
        public AdamConfig build() {
            checkShared(decoupledWeightDecay);
            checkEpsilonHat();
            checkStepSize();
            return new AdamConfig(this);
        }

        private void checkEpsilonHat() {
            double oneMinusBeta2 = 1 - (double) (float) beta2;
            double eps = (float) epsilon;
            double epsilonHat = eps * Math.sqrt(oneMinusBeta2);
            if (epsilonHat >= Check.FLOAT_MIN_NORMAL) {
                return;
            }
            String why = "epsilon·√(1 − beta2) = " + epsilonHat + ", the denominator's epsilon at step 1, must be a normal"
                    + " float32 (≥ " + Float.MIN_NORMAL + ")";
            String last = order().last("epsilon", "beta2");
            if ("epsilon".equals(last)) {
                throw new InvalidHyperparameterException("epsilon", epsilon, "[" + Check.floatText(
                        Check.FLOAT_MIN_NORMAL / Math.sqrt(oneMinusBeta2)) + ", 3.4028235E38] with beta2 = " + beta2 + ": " + why);
            }
            if ("beta2".equals(last)) {
                double root = Check.FLOAT_MIN_NORMAL / eps;
                throw new InvalidHyperparameterException("beta2", beta2, "[0, " + Check.floatText(1 - root * root)
                        + "] with epsilon = " + epsilon + ": " + why);
            }
            throw new InvalidHyperparameterException("epsilon·√(1 − beta2)", epsilonHat, "[" + Float.MIN_NORMAL
                    + ", 3.4028235E38]: " + why);
        }

        private void checkStepSize() {
            double oneMinusBeta1 = 1 - (double) (float) beta1;
            double root = Math.sqrt(1 - (double) (float) beta2);
            double ratio = Math.max(1, root / oneMinusBeta1);
            double lr = (float) learningRate();
            double max = schedule().maxFactor();
            if (lr * max * ratio <= Check.FLOAT_MAX) {
                return;
            }
            String why = "the step size learningRate_t·√(1 − beta2^t)/(1 − beta1^t) ≤ learningRate·maxFactor·"
                    + "max(1, √(1 − beta2)/(1 − beta1)) = " + lr * max * ratio + " must be a finite float32";
            if (lr * ratio <= Check.FLOAT_MAX) {
                throw new InvalidHyperparameterException("schedule", schedule() + " (largest factor " + max + ")",
                        "largest factor ≤ " + Check.floatText(Check.FLOAT_MAX / (lr * ratio)) + ": " + why);
            }
            double allowed = Check.FLOAT_MAX / (lr * max);   // the largest ratio allowed
            String last = order().last("learningRate", "beta1", "beta2");
            if ("learningRate".equals(last)) {
                throw new InvalidHyperparameterException("learningRate", learningRate(), "(0, "
                        + Check.floatText(Check.FLOAT_MAX / (max * ratio)) + "] with beta1 = " + beta1 + ", beta2 = "
                        + beta2 + ": " + why);
            }
            if ("beta1".equals(last)) {
                throw new InvalidHyperparameterException("beta1", beta1, "[0, " + Check.floatText(1 - root / allowed)
                        + "] with learningRate = " + learningRate() + ", beta2 = " + beta2 + ": " + why);
            }
            if ("beta2".equals(last)) {
                double r = allowed * oneMinusBeta1;
                throw new InvalidHyperparameterException("beta2", beta2, "[" + Check.floatText(Math.max(0, 1 - r * r))
                        + ", 1) with learningRate = " + learningRate() + ", beta1 = " + beta1 + ": " + why);
            }
            throw new InvalidHyperparameterException("learningRate·maxFactor·max(1, √(1 − beta2)/(1 − beta1))",
                    lr * max * ratio, "(0, 3.4028235E38]: " + why);
        }
    }
}
