package org.arturo.training.cabs;

import org.arturo.tf.Check;
import org.arturo.tf.InvalidHyperparameterException;

/**
 * The values of CABS (thesis ch. 4, Alg. 1; docs/training.md): immutable, validated when built.
 *
 * <p>Defaults: the authors' code's, which the thesis does not give: m_min = 16, m_max = 2048, μ = 0.95,
 * c = 1, eps = 0, and the thesis's form of the averages ({@link Variant#THESIS}). The learning rate α
 * has no default. The first batch has m_min examples.
 */
public final class CabsConfig {
    /** How the variance term and the loss average are formed. */
    public enum Variant {
        /**
         * The thesis: ξ = Σ_elements s with the per-example variance s = (1/(m − 1))·Σ_i (g_i − g)²
         * (eq. 3.30); both averages start at 0, so their common bias cancels in the ratio.
         */
        THESIS,
        /**
         * The authors' code: ξ = Σ_elements ((1/m)·Σ_i g_i² − g²) (a 1/m normalization, biased low by
         * (m − 1)/m), and the loss average starts at 1.0.
         */
        REFERENCE
    }

    public static final int DEFAULT_MIN_BATCH_SIZE = 16;
    public static final int DEFAULT_MAX_BATCH_SIZE = 2048;
    public static final double DEFAULT_MU = 0.95;

    private final double learningRate;
    private final int minBatchSize;
    private final int maxBatchSize;
    private final double mu;
    private final double c;
    private final double eps;
    private final Variant variant;

    private CabsConfig(Builder b) {
        learningRate = b.learningRate;
        minBatchSize = b.minBatchSize;
        maxBatchSize = b.maxBatchSize;
        mu = b.mu;
        c = b.c;
        eps = b.eps;
        variant = b.variant;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** α, the SGD step size, which also sets the batch size (m ∝ α). */
    public double learningRate() { return learningRate; }

    /** m_min: the first batch size and the smallest one. */
    public int minBatchSize() { return minBatchSize; }

    /** m_max: the largest batch size. */
    public int maxBatchSize() { return maxBatchSize; }

    /** μ: the decay of both running averages. */
    public double mu() { return mu; }

    /** c: the multiplier of the raw batch size (the authors' code; 1 in the thesis). */
    public double c() { return c; }

    /** eps: added to the loss average in the denominator (the authors' code; 0 in the thesis). */
    public double eps() { return eps; }

    public Variant variant() { return variant; }

    @Override
    public String toString() {
        return "CabsConfig{learningRate=" + learningRate + ", minBatchSize=" + minBatchSize + ", maxBatchSize="
                + maxBatchSize + ", mu=" + mu + ", c=" + c + ", eps=" + eps + ", variant=" + variant + "}";
    }

    /** Mutable builder; every setter checks its value at once, {@link #build()} the values together. */
    public static final class Builder {
        private double learningRate = Double.NaN;
        private int minBatchSize = DEFAULT_MIN_BATCH_SIZE;
        private int maxBatchSize = DEFAULT_MAX_BATCH_SIZE;
        private double mu = DEFAULT_MU;
        private double c = 1;
        private double eps = 0;
        private Variant variant = Variant.THESIS;

        private Builder() {
        }

        /** α: a positive normal float32 (the graph's SGD step holds it as one). */
        public Builder learningRate(double value) {
            learningRate = Check.positiveFloat("learningRate", value);
            return this;
        }

        /** m_min ≥ 2: the variance of a batch of one example is undefined. */
        public Builder minBatchSize(int value) {
            minBatchSize = (int) Check.inRange("minBatchSize", value, 2, Integer.MAX_VALUE);
            return this;
        }

        /** m_max ≥ 2; {@link #build()} checks m_max ≥ m_min. */
        public Builder maxBatchSize(int value) {
            maxBatchSize = (int) Check.inRange("maxBatchSize", value, 2, Integer.MAX_VALUE);
            return this;
        }

        /** μ in [0, 1): 0 uses the last step's values alone; 1 would never change. */
        public Builder mu(double value) {
            mu = Check.halfOpen("mu", value, 0, 1);
            return this;
        }

        /** c &gt; 0 (the authors' code: "leave it at this", 1). */
        public Builder c(double value) {
            c = Check.positive("c", value);
            return this;
        }

        /** eps ≥ 0, finite. */
        public Builder eps(double value) {
            eps = Check.nonNegative("eps", value);
            return this;
        }

        public Builder variant(Variant value) {
            variant = Check.notNull("variant", value);
            return this;
        }

        public CabsConfig build() {
            if (Double.isNaN(learningRate)) {
                throw new InvalidHyperparameterException("learningRate", "not set",
                        "(0, 3.4028235E38] as float32: CABS has no default step size (the thesis tried 0.006 to 0.3)");
            }
            if (maxBatchSize < minBatchSize) {
                throw new InvalidHyperparameterException("maxBatchSize", maxBatchSize,
                        "[" + minBatchSize + ", 2147483647]: at least minBatchSize = " + minBatchSize);
            }
            return new CabsConfig(this);
        }
    }
}
