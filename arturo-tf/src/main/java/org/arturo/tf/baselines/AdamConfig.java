package org.arturo.tf.baselines;

import org.arturo.tf.Check;
import org.arturo.tf.InvalidHyperparameterException;
import org.arturo.tf.config.LearningRateConfig;

/**
 * Hyperparameters of Adam, with coupled L2 weight decay (PyTorch's {@code torch.optim.Adam}) or, with
 * {@link #decoupledWeightDecay()}, decoupled weight decay (AdamW, {@code torch.optim.AdamW}):
 * immutable, validated, built with {@link #builder()} or {@link #adamWBuilder()}. Every setter
 * rejects NaN, ±∞ and out-of-range values with an {@link InvalidHyperparameterException} naming the
 * parameter, value and valid range.
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
            beta1 = c.beta1;
            beta2 = c.beta2;
            epsilon = c.epsilon;
            decoupledWeightDecay = c.decoupledWeightDecay;
        }

        @Override
        protected Builder self() {
            return this;
        }

        public Builder beta1(double value) { beta1 = Check.halfOpen("beta1", value, 0, 1); return this; }

        public Builder beta2(double value) { beta2 = Check.halfOpen("beta2", value, 0, 1); return this; }

        public Builder epsilon(double value) { epsilon = Check.positive("epsilon", value); return this; }

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

        @Override
        public AdamConfig build() {
            if (decoupledWeightDecay && learningRate() * weightDecay() >= 1) {
                throw new InvalidHyperparameterException("weightDecay", weightDecay(), "[0, 1/learningRate) = [0, "
                        + (1 / learningRate()) + "): learningRate·weightDecay ≥ 1 would flip the parameters' sign");
            }
            return new AdamConfig(this);
        }
    }
}
