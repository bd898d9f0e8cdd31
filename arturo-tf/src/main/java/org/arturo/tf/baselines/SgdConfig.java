package org.arturo.tf.baselines;

import org.arturo.tf.Check;
import org.arturo.tf.InvalidHyperparameterException;
import org.arturo.tf.config.LearningRateConfig;

/**
 * Hyperparameters of SGD with momentum (PyTorch's {@code torch.optim.SGD} with dampening 0):
 * immutable, validated, built with {@link #builder()}. Every setter rejects NaN, values that are not a
 * normal float32 and out-of-range values with an {@link InvalidHyperparameterException} naming the
 * parameter, value and valid range. {@link Builder#build()} also checks lr_t·weightDecay &lt; 1 at the
 * schedule's largest factor: the coupled decay shrinks θ by the factor 1 − lr_t·weightDecay per step,
 * which would flip the parameters' sign.
 *
 * <p>Defaults: learningRate 0.01, momentum 0.9, weightDecay 0 (coupled L2), nesterov off, constant
 * schedule, skipNonFinite on. For the paper's tuned values use {@link SgdPreset}. Update rule:
 * docs/baselines.md.
 */
public final class SgdConfig extends LearningRateConfig {
    private final double momentum;
    private final boolean nesterov;

    private SgdConfig(Builder b) {
        super(b);
        momentum = b.momentum;
        nesterov = b.nesterov;
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

    /** μ: weight of the previous velocity, v ← μ·v + g. 0 is plain SGD (no velocity state). */
    public double momentum() { return momentum; }

    /** Nesterov momentum: θ ← θ − lr_t·(g + μ·v). */
    public boolean nesterov() { return nesterov; }

    @Override
    public String toString() {
        return "SgdConfig{" + sharedToString() + ", momentum=" + momentum + ", nesterov=" + nesterov + "}";
    }

    /** Mutable, validating builder; every setter checks its value at once. */
    public static final class Builder extends LearningRateConfig.Builder<Builder, SgdConfig> {
        private double momentum = 0.9;
        private boolean nesterov = false;

        private Builder() {
            super(0.01, 0);
        }

        private Builder(SgdConfig c) {
            super(c);
            momentum = c.momentum;
            nesterov = c.nesterov;
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** μ in [0, 1) as a float32 (0.9999999999 rounds to 1.0f: the velocity would never decay). */
        public Builder momentum(double value) { momentum = Check.fractionFloat("momentum", value, true); return this; }

        public Builder nesterov(boolean value) { nesterov = value; return this; }

        /** Applies a preset's tuned learning rate, momentum and weight decay, keeping everything else. */
        public Builder preset(SgdPreset preset) {
            SgdConfig tuned = Check.notNull("preset", preset).config();
            return learningRate(tuned.learningRate()).momentum(tuned.momentum()).weightDecay(tuned.weightDecay());
        }

        @Override
        public SgdConfig build() {
            checkShared(true);
            if (nesterov && momentum == 0) {
                throw new InvalidHyperparameterException("momentum", momentum,
                        "(0, 1) when nesterov is on: Nesterov momentum needs a momentum");
            }
            return new SgdConfig(this);
        }
    }
}
