package org.arturo.tf.baselines;

import org.arturo.tf.Check;
import org.arturo.tf.InvalidHyperparameterException;
import org.arturo.tf.schedule.Schedule;
import org.arturo.tf.schedule.Schedules;

/**
 * Hyperparameters of SGD with momentum (PyTorch's {@code torch.optim.SGD} with dampening 0):
 * immutable, validated, built with {@link #builder()}. Every setter rejects NaN, ±∞ and out-of-range
 * values with an {@link InvalidHyperparameterException} naming the parameter, value and valid range.
 *
 * <p>Defaults: learningRate 0.01, momentum 0.9, weightDecay 0, nesterov off, constant schedule,
 * skipNonFinite on. For the paper's tuned values use {@link SgdPreset}. Update rule: docs/baselines.md.
 */
public final class SgdConfig {
    private final double learningRate;
    private final double momentum;
    private final double weightDecay;
    private final boolean nesterov;
    private final Schedule schedule;
    private final boolean skipNonFinite;

    private SgdConfig(Builder b) {
        learningRate = b.learningRate;
        momentum = b.momentum;
        weightDecay = b.weightDecay;
        nesterov = b.nesterov;
        schedule = b.schedule;
        skipNonFinite = b.skipNonFinite;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static SgdConfig defaults() {
        return builder().build();
    }

    /** A builder starting from this configuration, to override single values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** lr, before the schedule: lr_t = lr · schedule.factor(t). */
    public double learningRate() { return learningRate; }

    /** μ: weight of the previous velocity, v ← μ·v + g. 0 is plain SGD (no velocity state). */
    public double momentum() { return momentum; }

    /** Coupled L2 weight decay: g ← g + weightDecay·θ before the momentum update. */
    public double weightDecay() { return weightDecay; }

    /** Nesterov momentum: θ ← θ − lr_t·(g + μ·v). */
    public boolean nesterov() { return nesterov; }

    public Schedule schedule() { return schedule; }

    /** Skip (and count) a step whose gradient holds NaN or ±∞, leaving parameters and state unchanged. */
    public boolean skipNonFinite() { return skipNonFinite; }

    @Override
    public String toString() {
        return "SgdConfig{learningRate=" + learningRate + ", momentum=" + momentum + ", weightDecay=" + weightDecay
                + ", nesterov=" + nesterov + ", schedule=" + schedule + ", skipNonFinite=" + skipNonFinite + "}";
    }

    /** Mutable, validating builder; every setter checks its value at once. */
    public static final class Builder {
        private double learningRate = 0.01;
        private double momentum = 0.9;
        private double weightDecay = 0;
        private boolean nesterov = false;
        private Schedule schedule = Schedules.constant();
        private boolean skipNonFinite = true;

        private Builder() {
        }

        private Builder(SgdConfig c) {
            learningRate = c.learningRate;
            momentum = c.momentum;
            weightDecay = c.weightDecay;
            nesterov = c.nesterov;
            schedule = c.schedule;
            skipNonFinite = c.skipNonFinite;
        }

        public Builder learningRate(double value) { learningRate = Check.positive("learningRate", value); return this; }

        public Builder momentum(double value) { momentum = Check.halfOpen("momentum", value, 0, 1); return this; }

        public Builder weightDecay(double value) { weightDecay = Check.nonNegative("weightDecay", value); return this; }

        public Builder nesterov(boolean value) { nesterov = value; return this; }

        public Builder schedule(Schedule value) { schedule = Check.notNull("schedule", value); return this; }

        public Builder skipNonFinite(boolean value) { skipNonFinite = value; return this; }

        /** Applies a preset's tuned learning rate, momentum and weight decay, keeping everything else. */
        public Builder preset(SgdPreset preset) {
            Check.notNull("preset", preset);
            return learningRate(preset.learningRate()).momentum(preset.momentum()).weightDecay(preset.weightDecay());
        }

        /** Checks the values that depend on each other, then freezes them. */
        public SgdConfig build() {
            if (nesterov && momentum == 0) {
                throw new InvalidHyperparameterException("momentum", momentum,
                        "(0, 1) when nesterov is on: Nesterov momentum needs a momentum");
            }
            return new SgdConfig(this);
        }
    }
}
