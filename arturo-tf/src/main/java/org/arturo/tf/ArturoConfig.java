package org.arturo.tf;

import org.arturo.tf.schedule.Schedule;
import org.arturo.tf.schedule.Schedules;

/**
 * The hyperparameters of one arTuRO optimizer: immutable, validated, built with {@link #builder()}.
 *
 * <p>Defaults are the paper's Appendix C values (σ0² = 0.01, λ = 0.0015, ν = 1.3, P0 = 5e-5,
 * a0 = 0.1) and its tuned Fashion-MNIST CNN values for ε, ρ, r, q and weight decay (Table 2,
 * {@link ArturoPreset#FASHION_MNIST_CNN}). Every setter rejects NaN, ±∞ and out-of-range values with
 * an {@link InvalidHyperparameterException} naming the parameter, the value and the valid range.
 * Symbols refer to docs/algorithm.md.
 */
public final class ArturoConfig {
    private final double epsilon;
    private final double rho;
    private final double nu;
    private final double lambda;
    private final double q;
    private final double r;
    private final double varInit;
    private final double p0;
    private final double a0;
    private final double weightDecay;
    private final Solver solver;
    private final double etaTol;
    private final double etaMax;
    private final double solverTolerance;
    private final int maxSolverIterations;
    private final Schedule schedule;
    private final SurrogateModel surrogate;
    private final double adamBeta1;
    private final double adamBeta2;
    private final double fixedEta;

    private ArturoConfig(Builder b) {
        this.epsilon = b.epsilon;
        this.rho = b.rho;
        this.nu = b.nu;
        this.lambda = b.lambda;
        this.q = b.q;
        this.r = b.r;
        this.varInit = b.varInit;
        this.p0 = b.p0;
        this.a0 = b.a0;
        this.weightDecay = b.weightDecay;
        this.solver = b.solver;
        this.etaTol = b.etaTol;
        this.etaMax = b.etaMax;
        this.solverTolerance = b.solverTolerance;
        this.maxSolverIterations = b.maxSolverIterations;
        this.schedule = b.schedule;
        this.surrogate = b.surrogate;
        this.adamBeta1 = b.adamBeta1;
        this.adamBeta2 = b.adamBeta2;
        this.fixedEta = b.fixedEta;
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The defaults: {@link ArturoPreset#FASHION_MNIST_CNN}, constant ε, exact solver. */
    public static ArturoConfig defaults() {
        return builder().build();
    }

    /** A builder starting from this configuration, to override single values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** ε: bound on the KL divergence of the mean change per step, before the schedule. */
    public double epsilon() { return epsilon; }

    /** ρ: weight of the Gaussian prior (regularization weight). */
    public double rho() { return rho; }

    /** ν: weight of the previous precision in the precision update (eq. 8). */
    public double nu() { return nu; }

    /** λ: prior precision. */
    public double lambda() { return lambda; }

    /** q: drift noise of the Kalman filter (added to P00 and P11 each step). */
    public double q() { return q; }

    /** r: measurement noise of the Kalman filter. */
    public double r() { return r; }

    /** σ0²: initial variance; the precision starts at 1/σ0². */
    public double varInit() { return varInit; }

    /** P0: initial filter covariance (P00 = P11 = P0, P01 = 0). */
    public double p0() { return p0; }

    /** a0: initial curvature (quadratic term) of the surrogate. */
    public double a0() { return a0; }

    /** Decoupled weight decay, scaled by ε_t: θ ← θ − ε_t · weightDecay · θ. */
    public double weightDecay() { return weightDecay; }

    /** How η is found. */
    public Solver solver() { return solver; }

    /** Bisection only: stop when the bracket is narrower than this. */
    public double etaTol() { return etaTol; }

    /** Bisection only: the upper end of the first bracket. */
    public double etaMax() { return etaMax; }

    /** Exact solver only: stop when |C(η) − ε_t| ≤ solverTolerance · ε_t. */
    public double solverTolerance() { return solverTolerance; }

    /** Cap on solver passes per step (both solvers). */
    public int maxSolverIterations() { return maxSolverIterations; }

    /** ε_t = ε · schedule.factor(t). */
    public Schedule schedule() { return schedule; }

    /** How the gradient model is fitted: the paper's Kalman filter, or Adam's moments (ablation). */
    public SurrogateModel surrogate() { return surrogate; }

    /** {@link SurrogateModel#ADAM_MOMENTS} only: decay of the first moment. */
    public double adamBeta1() { return adamBeta1; }

    /** {@link SurrogateModel#ADAM_MOMENTS} only: decay of the second moment. */
    public double adamBeta2() { return adamBeta2; }

    /** {@link Solver#FIXED} only: the multiplier used every step. */
    public double fixedEta() { return fixedEta; }

    @Override
    public String toString() {
        return "ArturoConfig{epsilon=" + epsilon + ", rho=" + rho + ", nu=" + nu + ", lambda=" + lambda
                + ", q=" + q + ", r=" + r + ", varInit=" + varInit + ", p0=" + p0 + ", a0=" + a0
                + ", weightDecay=" + weightDecay + ", solver=" + solver + ", etaTol=" + etaTol
                + ", etaMax=" + etaMax + ", solverTolerance=" + solverTolerance
                + ", maxSolverIterations=" + maxSolverIterations + ", schedule=" + schedule
                + ", surrogate=" + surrogate + ", adamBeta1=" + adamBeta1 + ", adamBeta2=" + adamBeta2
                + ", fixedEta=" + fixedEta + "}";
    }

    /** Mutable, validating builder; every setter checks its value at once. */
    public static final class Builder {
        private double epsilon = ArturoPreset.FASHION_MNIST_CNN.epsilon();
        private double rho = ArturoPreset.FASHION_MNIST_CNN.rho();
        private double nu = 1.3;
        private double lambda = 0.0015;
        private double q = ArturoPreset.FASHION_MNIST_CNN.q();
        private double r = ArturoPreset.FASHION_MNIST_CNN.r();
        private double varInit = 0.01;
        private double p0 = 5e-5;
        private double a0 = 0.1;
        private double weightDecay = ArturoPreset.FASHION_MNIST_CNN.weightDecay();
        private Solver solver = Solver.EXACT;
        private double etaTol = 0.5;
        private double etaMax = 10_000;
        private double solverTolerance = 1e-3;
        private int maxSolverIterations = 30;
        private Schedule schedule = Schedules.constant();
        private SurrogateModel surrogate = SurrogateModel.KALMAN;
        private double adamBeta1 = 0.9;
        private double adamBeta2 = 0.999;
        private double fixedEta = 1.0;

        private Builder() {
        }

        private Builder(ArturoConfig c) {
            epsilon = c.epsilon;
            rho = c.rho;
            nu = c.nu;
            lambda = c.lambda;
            q = c.q;
            r = c.r;
            varInit = c.varInit;
            p0 = c.p0;
            a0 = c.a0;
            weightDecay = c.weightDecay;
            solver = c.solver;
            etaTol = c.etaTol;
            etaMax = c.etaMax;
            solverTolerance = c.solverTolerance;
            maxSolverIterations = c.maxSolverIterations;
            schedule = c.schedule;
            surrogate = c.surrogate;
            adamBeta1 = c.adamBeta1;
            adamBeta2 = c.adamBeta2;
            fixedEta = c.fixedEta;
        }

        public Builder epsilon(double value) { epsilon = Check.positive("epsilon", value); return this; }

        public Builder rho(double value) { rho = Check.positive("rho", value); return this; }

        public Builder nu(double value) { nu = Check.positive("nu", value); return this; }

        public Builder lambda(double value) { lambda = Check.positive("lambda", value); return this; }

        public Builder q(double value) { q = Check.nonNegative("q", value); return this; }

        public Builder r(double value) { r = Check.positive("r", value); return this; }

        public Builder varInit(double value) { varInit = Check.positive("varInit", value); return this; }

        public Builder p0(double value) { p0 = Check.positive("p0", value); return this; }

        public Builder a0(double value) { a0 = Check.nonNegative("a0", value); return this; }

        public Builder weightDecay(double value) { weightDecay = Check.nonNegative("weightDecay", value); return this; }

        public Builder solver(Solver value) { solver = Check.notNull("solver", value); return this; }

        public Builder etaTol(double value) { etaTol = Check.positive("etaTol", value); return this; }

        public Builder etaMax(double value) { etaMax = Check.positive("etaMax", value); return this; }

        public Builder solverTolerance(double value) {
            solverTolerance = Check.openInterval("solverTolerance", value, 0, 0.5);
            return this;
        }

        public Builder maxSolverIterations(int value) {
            maxSolverIterations = (int) Check.inRange("maxSolverIterations", value, 1, 1000);
            return this;
        }

        public Builder schedule(Schedule value) { schedule = Check.notNull("schedule", value); return this; }

        public Builder surrogate(SurrogateModel value) { surrogate = Check.notNull("surrogate", value); return this; }

        public Builder adamBeta1(double value) { adamBeta1 = Check.openInterval("adamBeta1", value, 0, 1); return this; }

        public Builder adamBeta2(double value) { adamBeta2 = Check.openInterval("adamBeta2", value, 0, 1); return this; }

        public Builder fixedEta(double value) { fixedEta = Check.positive("fixedEta", value); return this; }

        /** Applies a preset's tuned values (ε, ρ, r, q, weight decay), keeping everything else. */
        public Builder preset(ArturoPreset preset) {
            Check.notNull("preset", preset);
            return epsilon(preset.epsilon()).rho(preset.rho()).r(preset.r()).q(preset.q())
                    .weightDecay(preset.weightDecay());
        }

        /** Checks the values that depend on each other, then freezes them. */
        public ArturoConfig build() {
            if (weightDecay * epsilon >= 1) {
                throw new InvalidHyperparameterException("weightDecay", weightDecay,
                        "[0, 1/epsilon) = [0, " + (1 / epsilon) + "): ε·weightDecay ≥ 1 would flip the parameters' sign");
            }
            return new ArturoConfig(this);
        }
    }
}
