package org.arturo.training.cabs;

import java.util.Objects;

/**
 * CABS's batch-size rule (thesis ch. 4, Alg. 1, eq. 4.19–4.20; docs/training.md), on the host: after each
 * SGD step θ ← θ − α·g on a batch of m examples,
 * <pre>
 *   σ̂² ← μ·σ̂² + (1 − μ)·ξ_t          f_avg ← μ·f_avg + (1 − μ)·f_t                 (C1)
 *   raw = c·α·σ̂² / (f_avg + eps)      m_next = clip(round(raw), m_min, m_max)       (C2)
 * </pre>
 * with f_t the batch's mean loss and ξ_t the trace of the per-example gradient covariance
 * ({@link #traceEstimate}). Rounding is half to even (TF's {@code round}); raw = +∞ (f_avg + eps ≤ 0)
 * gives m_max. The batch size is predictive: this step's statistics set the next step's size, without
 * re-evaluation [T §4.4.3].
 *
 * <p>A step whose loss or ξ is not finite, or whose ξ is negative, leaves the averages and the batch size
 * as they are ({@link #skippedUpdates()} counts them): the step itself is skipped by the optimizer's guard.
 */
public final class CabsBatchSize {
    /** What one update decided. */
    public record Decision(double varianceAverage, double lossAverage, double rawBatchSize, int nextBatchSize) {
    }

    private final CabsConfig config;
    private double varianceAverage;
    private double lossAverage;
    private int batchSize;
    private long skippedUpdates;

    /** The rule at its start: σ̂² = 0, f_avg = 0 (thesis) or 1.0 (reference code), batch size m_min. */
    public CabsBatchSize(CabsConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        varianceAverage = 0;
        lossAverage = config.variant() == CabsConfig.Variant.REFERENCE ? 1.0 : 0.0;
        batchSize = config.minBatchSize();
    }

    /** The batch size of the next step. */
    public int batchSize() {
        return batchSize;
    }

    /** σ̂², the running average of ξ. */
    public double varianceAverage() {
        return varianceAverage;
    }

    /** f_avg, the running average of the batch losses. */
    public double lossAverage() {
        return lossAverage;
    }

    /** Updates whose inputs were not usable (see the class comment). */
    public long skippedUpdates() {
        return skippedUpdates;
    }

    /** What carries over between steps, for checkpoints. */
    public record State(double varianceAverage, double lossAverage, int batchSize, long skippedUpdates) {
    }

    public State state() {
        return new State(varianceAverage, lossAverage, batchSize, skippedUpdates);
    }

    /** Continues from {@code s}; its batch size must lie within this rule's bounds. */
    public void restore(State s) {
        if (s.batchSize() < config.minBatchSize() || s.batchSize() > config.maxBatchSize()) {
            throw new IllegalArgumentException("state: batch size " + s.batchSize() + " outside [" + config.minBatchSize()
                    + ", " + config.maxBatchSize() + "]");
        }
        varianceAverage = s.varianceAverage();
        lossAverage = s.lossAverage();
        batchSize = s.batchSize();
        skippedUpdates = s.skippedUpdates();
    }

    /** (C1)–(C2) with this step's mean loss f and ξ; returns the decision and makes its size the next one. */
    public Decision update(double loss, double xi) {
        if (!Double.isFinite(loss) || !Double.isFinite(xi) || xi < 0) {
            skippedUpdates++;
            return new Decision(varianceAverage, lossAverage, Double.NaN, batchSize);
        }
        double mu = config.mu();
        varianceAverage = mu * varianceAverage + (1 - mu) * xi;
        lossAverage = mu * lossAverage + (1 - mu) * loss;
        double denominator = lossAverage + config.eps();
        double raw = denominator > 0
                ? config.c() * config.learningRate() * varianceAverage / denominator
                : Double.POSITIVE_INFINITY;
        batchSize = clip(raw);
        return new Decision(varianceAverage, lossAverage, raw, batchSize);
    }

    private int clip(double raw) {
        if (!(raw < config.maxBatchSize())) {       // also +∞ and NaN (0/0 cannot occur: denominator > 0)
            return config.maxBatchSize();
        }
        return (int) Math.max(config.minBatchSize(), Math.rint(raw));
    }

    /**
     * ξ, the estimate of tr(Σ) of one batch of m examples, from per element the mean gradient g and the
     * mean of the squared per-example gradients (1/m)·Σ_i g_i²: thesis m/(m − 1)·Σ((1/m)Σ g_i² − g²), the
     * sum of the unbiased per-example variances (eq. 3.30); reference code Σ((1/m)Σ g_i² − g²).
     */
    public static double traceEstimate(CabsConfig.Variant variant, int batchSize, double[] meanGradient,
                                       double[] meanSquaredGradient) {
        if (meanGradient.length != meanSquaredGradient.length) {
            throw new IllegalArgumentException("meanGradient has " + meanGradient.length + " elements, meanSquaredGradient "
                    + meanSquaredGradient.length);
        }
        if (batchSize < 2) {
            throw new IllegalArgumentException("batchSize must be at least 2 for a variance, was " + batchSize);
        }
        double sum = 0;
        for (int j = 0; j < meanGradient.length; j++) {
            double g = meanGradient[j];
            sum += meanSquaredGradient[j] - g * g;
        }
        return variant == CabsConfig.Variant.THESIS ? sum * batchSize / (batchSize - 1) : sum;
    }
}
