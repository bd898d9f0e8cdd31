package org.arturo.tf.noise;

import java.util.Locale;
import org.arturo.tf.Check;
import org.arturo.tf.InvalidHyperparameterException;
import org.arturo.tf.config.LearningRateConfig;

/**
 * Hyperparameters of the noise-aware optimizers of Balles' thesis (chapter 5 and appendix B.3; update
 * rules in docs/noise-aware.md): immutable, validated, built with {@link #builder(Method)}.
 *
 * <p><b>One configuration for the family.</b> The six methods differ in what they compute, not in what
 * they are told: each takes the shared learning-rate values ({@link LearningRateConfig}: learning
 * rate α, its schedule, weight decay, skip policy) and, except SSD, one moving-average constant β.
 * Six configuration classes would repeat the same builder six times, so the method is a value of
 * the configuration, fixed when its builder is made. The method's own parameter stays validated
 * per method: β ∈ (0, 1) as a float32 for the five methods that average, and no β at all for SSD
 * (setting one is an error, not a silent no-op).
 *
 * <p>Rules: α is a positive normal float32 and <b>has no default</b> (the thesis tunes it per problem;
 * its Fashion-MNIST CNN values were M-SGD 0.1, M-SSD 3e-4, M-SVAG 0.3), so {@link Builder#build()}
 * fails until it is set. β defaults to 0.9 (thesis §5.6.1). β = 0 is rejected because it makes ρ ≡ 1
 * and the variance estimate 0/0 at every step; β that rounds to 1.0f is rejected because 1 − β must be
 * &gt; 0 in the graph. Weight decay is coupled L2 (g ← g + wd·θ, entering the moving averages), the
 * form of the thesis's L2-regularized problems. For the methods that step along g or m, lr_t·weightDecay
 * must stay below 1 at the schedule's largest factor (the decay would otherwise flip the parameters'
 * sign); the sign methods step by lr_t per element whatever the decay.
 */
public final class NoiseAwareConfig extends LearningRateConfig {
    /** β of the thesis's experiments (§5.6.1, App. B.3). */
    public static final double DEFAULT_BETA = 0.9;

    /** The methods of the family, by the thesis's names. */
    public enum Method {
        /** Stochastic sign descent: θ ← θ − α_t·sign(g) (thesis eq. 6.2). No state. */
        SSD("SSD", "ssd", false, false),
        /** Momentum SGD in the thesis's form: θ ← θ − α_t·m with m the bias-corrected mean of g (Alg. 3, left). */
        M_SGD("M-SGD", "m-sgd", true, false),
        /** Momentum sign descent: θ ← θ − α_t·sign(m) (Alg. 3, right). */
        M_SSD("M-SSD", "m-ssd", true, false),
        /** Stochastic variance-adapted gradient: θ ← θ − α_t·γ^g ⊙ g, γ^g = m²/(m² + ŝ) (Alg. 4, eq. 5.17). */
        SVAG("SVAG", "svag", true, true),
        /** Momentum SVAG: θ ← θ − α_t·γ^m ⊙ m, γ^m = m²/(m² + ρ(β,t)·ŝ) (Alg. 2, eq. 5.19). */
        M_SVAG("M-SVAG", "m-svag", true, true),
        /** Adam*: θ ← θ − α_t·√γ^m ⊙ sign(m) (Alg. 5), Adam re-derived as variance-adapted M-SSD. */
        ADAM_STAR("Adam*", "adam-star", true, true),
        /**
         * M-SVAG with the minibatch variance (Alg. 6, eq. B.32–B.34): γ = m²/(m² + ρ(β,t)·r), r the
         * bias-corrected β² average of the within-batch variance of g, which the caller supplies
         * ({@link org.arturo.tf.StepInputs#withGradientVariances}); not available inside KotlinDL's fit.
         */
        M_SVAG_MB("M-SVAG (minibatch variance)", "m-svag-mb", true, true);

        private final String displayName;
        private final String key;
        private final boolean averages;
        private final boolean adaptsToVariance;

        Method(String displayName, String key, boolean averages, boolean adaptsToVariance) {
            this.displayName = displayName;
            this.key = key;
            this.averages = averages;
            this.adaptsToVariance = adaptsToVariance;
        }

        /** The thesis's name, e.g. "M-SVAG"; also the optimizer's {@code name()}. */
        public String displayName() { return displayName; }

        /** The lower-case key, e.g. "m-svag" (the golden vectors' {@code config.method}). */
        public String key() { return key; }

        /** True when the method keeps the moving average m of the gradients (all but SSD). */
        public boolean averages() { return averages; }

        /** True when the method keeps the variance statistic and scales its step by a factor γ. */
        public boolean adaptsToVariance() { return adaptsToVariance; }

        /** float32 slots per parameter element: 0 (SSD), 1 (M-SGD, M-SSD), 2 (SVAG, M-SVAG, Adam*, M-SVAG with the minibatch variance). */
        public int slotsPerParameter() { return (averages ? 1 : 0) + (adaptsToVariance ? 1 : 0); }

        /** True when the step needs the within-batch gradient variances as an input (M-SVAG, minibatch variance). */
        public boolean needsGradientVariances() { return this == M_SVAG_MB; }

        /** True when the step is along the sign of g or m (each element moves by at most α_t·γ). */
        public boolean signBased() { return this == SSD || this == M_SSD || this == ADAM_STAR; }

        /** The method with this {@link #key()} or display name, case-insensitive ("m-svag", "M-SVAG", "M_SVAG"). */
        public static Method of(String name) {
            Check.notNull("method", name);
            String wanted = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
            for (Method m : values()) {
                if (m.key.equals(wanted) || m.displayName.toLowerCase(Locale.ROOT).equals(wanted)) {
                    return m;
                }
            }
            throw new InvalidHyperparameterException("method", name, "one of ssd, m-sgd, m-ssd, svag, m-svag, adam-star, m-svag-mb");
        }

        @Override
        public String toString() {
            return displayName;
        }
    }

    private final Method method;
    private final double beta;

    private NoiseAwareConfig(Builder b) {
        super(b);
        method = b.method;
        beta = b.beta;
    }

    /** A builder for {@code method}: learning rate unset (required), β = 0.9, the shared defaults otherwise. */
    public static Builder builder(Method method) {
        return new Builder(Check.notNull("method", method));
    }

    /** A builder starting from this configuration (same method), to override single values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Which of the six methods. */
    public Method method() { return method; }

    /**
     * β, the decay of the moving averages of g (and of the variance statistic): the same β for both
     * (thesis App. B.3.2). SSD keeps no average; its β is the unused default.
     */
    public double beta() { return beta; }

    @Override
    public String toString() {
        return "NoiseAwareConfig{method=" + method + ", " + sharedToString()
                + (method.averages() ? ", beta=" + beta : "") + "}";
    }

    /** Mutable, validating builder; every setter checks its value at once. */
    public static final class Builder extends LearningRateConfig.Builder<Builder, NoiseAwareConfig> {
        private final Method method;
        private double beta = DEFAULT_BETA;

        private Builder(Method method) {
            super(Double.NaN, 0);   // NaN: not set; build() says so
            this.method = method;
        }

        private Builder(NoiseAwareConfig c) {
            super(c);
            method = c.method;
            if (method.averages()) {
                beta(c.beta);
            }
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** The method this builder builds. */
        public Method method() {
            return method;
        }

        /**
         * β in (0, 1) as a float32: β = 0 would make the variance estimate 0/0 (ρ ≡ 1), a β that
         * rounds to 1.0f would never average. SSD has no β: setting one throws.
         */
        public Builder beta(double value) {
            if (!method.averages()) {
                throw InvalidHyperparameterException.notInUse("beta", value, "the methods that average the gradient"
                        + " (M-SGD, M-SSD, SVAG, M-SVAG, Adam*)", "method = " + method + " keeps no average");
            }
            beta = Check.fractionFloat("beta", value, false);
            return this;
        }

        /**
         * Checks that the learning rate was set and the shared bounds (lr_t finite; lr_t·weightDecay &lt; 1
         * for the methods that step along g or m), then freezes the values.
         */
        @Override
        public NoiseAwareConfig build() {
            if (Double.isNaN(learningRate())) {
                throw new InvalidHyperparameterException("learningRate", "not set", "(0, 3.4028235E38] as float32:"
                        + " the step size α has no default (the thesis tunes it per problem; its Fashion-MNIST CNN"
                        + " values: M-SGD 0.1, M-SSD 3e-4, M-SVAG 0.3); set it for " + method);
            }
            checkShared(!method.signBased());
            return new NoiseAwareConfig(this);
        }
    }
}
