package org.arturo.training.etr;

import org.arturo.tf.Check;
import org.arturo.tf.InvalidHyperparameterException;
import org.arturo.tf.graph.OutlierGuard;

/**
 * The values of the ellipsoidal trust-region method, with the paper's Table 1 defaults per ellipsoid
 * (docs/ellipsoidal-tr.md): Δ0 = 1e-4, Δmax = 10, η1 = 1e-4, η2 = 0.95, γ1 = 1.1, γ2 = 1.75 (RMS) or 1.5
 * (uniform, Adagrad), κ = 0.1, θ = 0.5, β = 0.8, ε = 1e-8 (float32 gradients) and at most 50
 * curvature-vector products per iteration; and the shared outlier guard's factor (1000).
 */
public final class TrustRegionConfig {
    private final Ellipsoid ellipsoid;
    private final double radius0;
    private final double radiusMax;
    private final double eta1;
    private final double eta2;
    private final double gamma1;
    private final double gamma2;
    private final double kappa;
    private final double theta;
    private final double beta;
    private final double eps;
    private final int maxProducts;
    private final double outlierFactor;

    private TrustRegionConfig(Builder b) {
        ellipsoid = b.ellipsoid;
        radius0 = b.radius0;
        radiusMax = b.radiusMax;
        eta1 = b.eta1;
        eta2 = b.eta2;
        gamma1 = b.gamma1;
        gamma2 = b.gamma2;
        kappa = b.kappa;
        theta = b.theta;
        beta = b.beta;
        eps = b.eps;
        maxProducts = b.maxProducts;
        outlierFactor = b.outlierFactor;
    }

    /** Table 1's values for {@code ellipsoid}. */
    public static Builder builder(Ellipsoid ellipsoid) {
        return new Builder(Check.notNull("ellipsoid", ellipsoid));
    }

    public Ellipsoid ellipsoid() { return ellipsoid; }
    public double radius0() { return radius0; }
    public double radiusMax() { return radiusMax; }
    public double eta1() { return eta1; }
    public double eta2() { return eta2; }
    public double gamma1() { return gamma1; }
    public double gamma2() { return gamma2; }
    public double kappa() { return kappa; }
    public double theta() { return theta; }
    public double beta() { return beta; }
    public double eps() { return eps; }
    public int maxProducts() { return maxProducts; }
    public double outlierFactor() { return outlierFactor; }

    @Override
    public String toString() {
        return "TrustRegionConfig{ellipsoid=" + ellipsoid + ", radius0=" + radius0 + ", radiusMax=" + radiusMax + ", eta1="
                + eta1 + ", eta2=" + eta2 + ", gamma1=" + gamma1 + ", gamma2=" + gamma2 + ", kappa=" + kappa + ", theta="
                + theta + ", beta=" + beta + ", eps=" + eps + ", maxProducts=" + maxProducts + ", outlierFactor=" + outlierFactor + "}";
    }

    /** Every setter checks its value at once; {@link #build()} the values together. */
    public static final class Builder {
        private final Ellipsoid ellipsoid;
        private double radius0 = 1e-4;
        private double radiusMax = 10;
        private double eta1 = 1e-4;
        private double eta2 = 0.95;
        private double gamma1 = 1.1;
        private double gamma2;
        private double kappa = 0.1;
        private double theta = 0.5;
        private double beta = 0.8;
        private double eps = 1e-8;
        private int maxProducts = 50;
        private double outlierFactor = OutlierGuard.DEFAULT_FACTOR;

        private Builder(Ellipsoid ellipsoid) {
            this.ellipsoid = ellipsoid;
            gamma2 = ellipsoid == Ellipsoid.RMS ? 1.75 : 1.5;
        }

        /** Δ0 &gt; 0, in the ellipsoid's norm; {@link #build()} checks Δ0 ≤ Δmax. */
        public Builder radius0(double v) { radius0 = Check.positive("radius0", v); return this; }

        /** Δmax &gt; 0: the radius never grows beyond it. */
        public Builder radiusMax(double v) { radiusMax = Check.positive("radiusMax", v); return this; }

        /** η1 in [0, 1): a step with ρ below it is rejected. */
        public Builder eta1(double v) { eta1 = Check.halfOpen("eta1", v, 0, 1); return this; }

        /** η2 in (0, 1]: a step with ρ at or above it grows the radius; {@link #build()} checks η1 &lt; η2. */
        public Builder eta2(double v) { eta2 = Check.closedInterval("eta2", v, Double.MIN_VALUE, 1); return this; }

        /** γ1 ≥ 1: the radius growth after a very successful step. */
        public Builder gamma1(double v) { gamma1 = Check.closedInterval("gamma1", v, 1, Double.MAX_VALUE); return this; }

        /** γ2 &gt; 1: the radius shrinks to Δ/γ2 after a rejected step. */
        public Builder gamma2(double v) { gamma2 = Check.openInterval("gamma2", v, 1, Double.MAX_VALUE); return this; }

        /** κ in (0, 1): CG stops once ‖g + Bs‖ ≤ ‖g‖·min(κ, ‖g‖^θ). */
        public Builder kappa(double v) { kappa = Check.openInterval("kappa", v, 0, 1); return this; }

        /** θ ≥ 0, finite. */
        public Builder theta(double v) { theta = Check.nonNegative("theta", v); return this; }

        /** β in (0, 1): the RMS ellipsoid's averaging constant (set it only for {@link Ellipsoid#RMS}). */
        public Builder beta(double v) {
            if (ellipsoid != Ellipsoid.RMS) {
                throw InvalidHyperparameterException.notInUse("beta", v, "the RMS ellipsoid", "ellipsoid = " + ellipsoid);
            }
            beta = Check.openInterval("beta", v, 0, 1);
            return this;
        }

        /** ε &gt; 0: the ellipsoid's floor, a = √(v + ε) &gt; 0 also for coordinates that never see a gradient. */
        public Builder eps(double v) { eps = Check.positive("eps", v); return this; }

        /** At most this many curvature-vector products per iteration, in [1, 100000]. */
        public Builder maxProducts(int v) { maxProducts = (int) Check.inRange("maxProducts", v, 1, 100_000); return this; }

        /**
         * The shared outlier guard (docs/algorithm.md, "Outlier guard"): a batch whose largest gradient
         * element exceeds this factor times the recent scale is skipped; (1, ∞], +∞ turns it off.
         */
        public Builder outlierFactor(double v) { outlierFactor = OutlierGuard.checkFactor(v); return this; }

        public TrustRegionConfig build() {
            if (!(eta1 < eta2)) {
                throw new InvalidHyperparameterException("eta2", eta2, "(" + eta1 + ", 1]: above eta1 = " + eta1);
            }
            if (radius0 > radiusMax) {
                throw new InvalidHyperparameterException("radius0", radius0, "(0, " + radiusMax + "]: at most radiusMax");
            }
            return new TrustRegionConfig(this);
        }
    }
}
