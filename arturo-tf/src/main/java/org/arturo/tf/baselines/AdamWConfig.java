package org.arturo.tf.baselines;

import org.arturo.tf.Check;
import org.arturo.tf.InvalidHyperparameterException;
import org.arturo.tf.schedule.Schedule;
import org.arturo.tf.schedule.Schedules;

/**
 * Hyperparameters of AdamW, Adam with decoupled weight decay (PyTorch's {@code torch.optim.AdamW}):
 * immutable, validated, built with {@link #builder()}. Every setter rejects NaN, ±∞ and out-of-range
 * values with an {@link InvalidHyperparameterException} naming the parameter, value and valid range.
 *
 * <p>Defaults are PyTorch's: learningRate 1e-3, beta1 0.9, beta2 0.999, epsilon 1e-8, weightDecay
 * 0.01; constant schedule, skipNonFinite on. For the paper's tuned values use {@link AdamWPreset}.
 * For coupled (L2) weight decay use {@link AdamConfig}. Update rule: docs/baselines.md.
 */
public final class AdamWConfig {
    private final double learningRate;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;
    private final Schedule schedule;
    private final boolean skipNonFinite;

    private AdamWConfig(Builder b) {
        learningRate = b.learningRate;
        beta1 = b.beta1;
        beta2 = b.beta2;
        epsilon = b.epsilon;
        weightDecay = b.weightDecay;
        schedule = b.schedule;
        skipNonFinite = b.skipNonFinite;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static AdamWConfig defaults() {
        return builder().build();
    }

    /** A builder starting from this configuration, to override single values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** lr, before the schedule: lr_t = lr · schedule.factor(t). */
    public double learningRate() { return learningRate; }

    /** β1: decay of the first-moment (mean) estimate. */
    public double beta1() { return beta1; }

    /** β2: decay of the second-moment (uncentered variance) estimate. */
    public double beta2() { return beta2; }

    /** ε: added to the bias-corrected √v̂ (PyTorch's placement). */
    public double epsilon() { return epsilon; }

    /** Decoupled weight decay: θ ← θ·(1 − lr_t·weightDecay) before the Adam step; never enters the moments. */
    public double weightDecay() { return weightDecay; }

    public Schedule schedule() { return schedule; }

    /** Skip (and count) a step whose gradient holds NaN or ±∞, leaving parameters and state unchanged. */
    public boolean skipNonFinite() { return skipNonFinite; }

    @Override
    public String toString() {
        return "AdamWConfig{learningRate=" + learningRate + ", beta1=" + beta1 + ", beta2=" + beta2
                + ", epsilon=" + epsilon + ", weightDecay=" + weightDecay + ", schedule=" + schedule
                + ", skipNonFinite=" + skipNonFinite + "}";
    }

    /** Mutable, validating builder; every setter checks its value at once. */
    public static final class Builder {
        private double learningRate = 1e-3;
        private double beta1 = 0.9;
        private double beta2 = 0.999;
        private double epsilon = 1e-8;
        private double weightDecay = 0.01;
        private Schedule schedule = Schedules.constant();
        private boolean skipNonFinite = true;

        private Builder() {
        }

        private Builder(AdamWConfig c) {
            learningRate = c.learningRate;
            beta1 = c.beta1;
            beta2 = c.beta2;
            epsilon = c.epsilon;
            weightDecay = c.weightDecay;
            schedule = c.schedule;
            skipNonFinite = c.skipNonFinite;
        }

        public Builder learningRate(double value) { learningRate = Check.positive("learningRate", value); return this; }

        public Builder beta1(double value) { beta1 = Check.halfOpen("beta1", value, 0, 1); return this; }

        public Builder beta2(double value) { beta2 = Check.halfOpen("beta2", value, 0, 1); return this; }

        public Builder epsilon(double value) { epsilon = Check.positive("epsilon", value); return this; }

        public Builder weightDecay(double value) { weightDecay = Check.nonNegative("weightDecay", value); return this; }

        public Builder schedule(Schedule value) { schedule = Check.notNull("schedule", value); return this; }

        public Builder skipNonFinite(boolean value) { skipNonFinite = value; return this; }

        /** Applies a preset's tuned learning rate, β's and weight decay, keeping everything else. */
        public Builder preset(AdamWPreset preset) {
            Check.notNull("preset", preset);
            return learningRate(preset.learningRate()).beta1(preset.beta1()).beta2(preset.beta2())
                    .weightDecay(preset.weightDecay());
        }

        /** Checks the values that depend on each other, then freezes them. */
        public AdamWConfig build() {
            if (learningRate * weightDecay >= 1) {
                throw new InvalidHyperparameterException("weightDecay", weightDecay, "[0, 1/learningRate) = [0, "
                        + (1 / learningRate) + "): learningRate·weightDecay ≥ 1 would flip the parameters' sign");
            }
            return new AdamWConfig(this);
        }
    }
}
