package org.arturo.tf.arturo;

import org.arturo.tf.Check;
import org.arturo.tf.InvalidHyperparameterException;
import org.arturo.tf.graph.OutlierGuard;
import org.arturo.tf.kernel.HelperPlacement;
import org.arturo.tf.kernel.Kernel;
import org.arturo.tf.schedule.Schedule;
import org.arturo.tf.schedule.Schedules;

/**
 * The hyperparameters of one arTuRO optimizer: immutable, validated, built with {@link #builder()}.
 * Symbols refer to docs/algorithm.md.
 *
 * <p>It holds the trust region's own values (ε, ρ, ν, λ, σ0², weight decay, the schedule of ε) and two
 * components that carry their own parameters: the {@link Solver} of the dual problem and the
 * {@link Surrogate} gradient model. The builder also sets a component's parameters one by one
 * ({@code q(…)}, {@code etaTol(…)}, …); setting one of a component that is not in use throws
 * {@link InvalidHyperparameterException#notInUse}.
 *
 * <p>Defaults are the paper's Appendix C values (σ0² = 0.01, λ = 0.0015, ν = 1.3, P0 = 5e-5,
 * a0 = 0.1) and its tuned Fashion-MNIST CNN values for ε, ρ, r, q and weight decay (Table 2,
 * {@link ArturoPreset#FASHION_MNIST_CNN}); the exact solver. Every setter rejects NaN, values that
 * are not a normal float32 (the graph holds each value as one) and out-of-range values with an
 * {@link InvalidHyperparameterException} naming the parameter, the value and the valid range.
 * {@link Builder#build()} checks what the graph derives from several values (ε_t·weightDecay &lt; 1 for
 * every factor of the schedule, ρλ, the precision floor ρλ/(ρ + ν), 1/(ρ + ν)) and blames the value
 * set last.
 */
public final class ArturoConfig {
    private final double epsilon;
    private final double rho;
    private final double nu;
    private final double lambda;
    private final double varInit;
    private final double weightDecay;
    private final Schedule schedule;
    private final Solver solver;
    private final Surrogate surrogate;
    private final double outlierFactor;
    private final Kernel kernel;
    private final HelperPlacement helperPlacement;

    private ArturoConfig(Builder b) {
        epsilon = b.epsilon;
        rho = b.rho;
        nu = b.nu;
        lambda = b.lambda;
        varInit = b.varInit;
        weightDecay = b.weightDecay;
        schedule = b.schedule;
        solver = b.solver;
        surrogate = b.surrogate;
        outlierFactor = b.outlierFactor;
        kernel = b.kernel;
        helperPlacement = b.helperPlacement;
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The defaults: {@link ArturoPreset#FASHION_MNIST_CNN}, constant ε, exact solver, Kalman surrogate. */
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

    /** σ0²: initial variance; the precision starts at 1/σ0². */
    public double varInit() { return varInit; }

    /** Decoupled weight decay, scaled by ε_t: θ ← θ·(1 − ε_t · weightDecay), eq. (2). */
    public double weightDecay() { return weightDecay; }

    /** ε_t = ε · schedule.factor(t). */
    public Schedule schedule() { return schedule; }

    /** How η is found, with that method's parameters. */
    public Solver solver() { return solver; }

    /** How the gradient model is fitted, with that model's parameters. */
    public Surrogate surrogate() { return surrogate; }

    /**
     * Skip (and count apart) a step whose largest gradient element exceeds this factor times the
     * running scale of recent gradients; +∞ turns the outlier guard off (docs/algorithm.md,
     * "Outlier guard"). Steps with NaN or ±∞ are always skipped.
     */
    public double outlierFactor() { return outlierFactor; }

    /**
     * Which kernel runs the step (docs/native-kernel.md): AUTO takes the native one where it is known
     * good and supports this configuration; NATIVE requires it. The builder starts from
     * {@code ARTURO_KERNEL}.
     */
    public Kernel kernel() { return kernel; }

    /** Where the native kernel's helper threads work; the graph kernel does not read it. */
    public HelperPlacement helperPlacement() { return helperPlacement; }

    @Override
    public String toString() {
        return "ArturoConfig{epsilon=" + epsilon + ", rho=" + rho + ", nu=" + nu + ", lambda=" + lambda
                + ", varInit=" + varInit + ", weightDecay=" + weightDecay + ", schedule=" + schedule
                + ", solver=" + solver + ", surrogate=" + surrogate + ", outlierFactor=" + outlierFactor
                + ", kernel=" + kernel + ", helperPlacement=" + helperPlacement + "}";
    }

    /** Mutable, validating builder; every setter checks its value at once. */
    public static final class Builder {
        private double epsilon = ArturoPreset.FASHION_MNIST_CNN.epsilon();
        private double rho = ArturoPreset.FASHION_MNIST_CNN.rho();
        private double nu = 1.3;
        private double lambda = 0.0015;
        private double varInit = 0.01;
        private double weightDecay = ArturoPreset.FASHION_MNIST_CNN.weightDecay();
        private Schedule schedule = Schedules.constant();
        private Solver solver = Solver.EXACT;
        private Surrogate surrogate = Surrogate.KALMAN;
        private double outlierFactor = OutlierGuard.DEFAULT_FACTOR;
        private Kernel kernel = Kernel.fromEnvironment();
        private boolean kernelFromEnvironment = true;
        private HelperPlacement helperPlacement = HelperPlacement.OFF_CALLERS_CPU;
        private final Check.SetOrder order = new Check.SetOrder();

        private Builder() {
        }

        /** A builder holding {@code c}'s values, each passed through its setter. */
        private Builder(ArturoConfig c) {
            epsilon(c.epsilon).rho(c.rho).nu(c.nu).lambda(c.lambda).varInit(c.varInit).weightDecay(c.weightDecay)
                    .schedule(c.schedule).solver(c.solver).surrogate(c.surrogate).outlierFactor(c.outlierFactor);
            kernel = c.kernel;
            kernelFromEnvironment = false;
            helperPlacement = c.helperPlacement;
            order.forget();
        }

        /** ε: a positive normal float32; {@link #build()} checks ε·factor(t) and ε_t·weightDecay. */
        public Builder epsilon(double value) { epsilon = set("epsilon", Check.positiveFloat("epsilon", value)); return this; }

        /** ρ: a positive normal float32; {@link #build()} checks ρλ, ρ + ν and the precision floor. */
        public Builder rho(double value) { rho = set("rho", Check.positiveFloat("rho", value)); return this; }

        /** ν: a positive normal float32; {@link #build()} checks 1/(ρ + ν) and the precision floor. */
        public Builder nu(double value) { nu = set("nu", Check.positiveFloat("nu", value)); return this; }

        /** λ: a positive normal float32; {@link #build()} checks ρλ and the precision floor. */
        public Builder lambda(double value) { lambda = set("lambda", Check.positiveFloat("lambda", value)); return this; }

        /** σ0²: a positive normal float32 of at most 2^126, so that the initial precision 1/σ0² is normal too. */
        public Builder varInit(double value) {
            varInit = set("varInit", Check.positiveFloat("varInit", value, Check.RECIPROCAL_MAX,
                    "the initial precision 1/varInit must be a normal float32 too"));
            return this;
        }

        /** 0 or a positive normal float32; {@link #build()} checks ε_t·weightDecay &lt; 1. */
        public Builder weightDecay(double value) {
            weightDecay = set("weightDecay", Check.nonNegativeFloat("weightDecay", value));
            return this;
        }

        /** The schedule of ε, with honest factor bounds ({@link Schedule#maxFactor()}, {@link Schedule#minFactor()}). */
        public Builder schedule(Schedule value) {
            Schedules.checkFactorBounds("schedule", Check.notNull("schedule", value));
            if (value != schedule) {
                order.set("schedule");
            }
            schedule = value;
            return this;
        }

        /** The dual solver with its parameters, e.g. {@code Solver.BISECTION} or {@code Solver.EXACT.withTolerance(1e-4)}. */
        public Builder solver(Solver value) { solver = Check.notNull("solver", value); return this; }

        /** The gradient model with its parameters, e.g. {@code Surrogate.KALMAN.withR(1.2)}. */
        public Builder surrogate(Surrogate value) { surrogate = Check.notNull("surrogate", value); return this; }

        /** See {@link ArturoConfig#outlierFactor()}: (1, ∞], where +∞ turns the outlier guard off. */
        public Builder outlierFactor(double value) { outlierFactor = OutlierGuard.checkFactor(value); return this; }

        /** See {@link ArturoConfig#kernel()}; wins over {@code ARTURO_KERNEL}. */
        public Builder kernel(Kernel value) {
            kernel = Check.notNull("kernel", value);
            kernelFromEnvironment = false;
            return this;
        }

        /** See {@link ArturoConfig#helperPlacement()}. */
        public Builder helperPlacement(HelperPlacement value) {
            helperPlacement = Check.notNull("helperPlacement", value);
            return this;
        }

        /** The helper placement as set so far. */
        public HelperPlacement helperPlacement() { return helperPlacement; }

        /** The kernel as set so far (from {@code ARTURO_KERNEL} until set). */
        public Kernel kernel() { return kernel; }

        /** The solver as set so far. */
        public Solver solver() { return solver; }

        /** The surrogate as set so far. */
        public Surrogate surrogate() { return surrogate; }

    /**
     * Skip (and count apart) a step whose largest gradient element exceeds this factor times the
     * running scale of recent gradients; +∞ turns the outlier guard off (docs/algorithm.md,
     * "Outlier guard"). Steps with NaN or ±∞ are always skipped.
     */
    public double outlierFactor() { return outlierFactor; }

        /** The Kalman surrogate's drift noise q (eq. 3). */
        public Builder q(double value) { surrogate = kalman("q", value).withQ(value); return this; }

        /** The Kalman surrogate's measurement noise r (eq. 3). */
        public Builder r(double value) { surrogate = kalman("r", value).withR(value); return this; }

        /** The Kalman surrogate's initial covariance P0 (eq. 1). */
        public Builder p0(double value) { surrogate = kalman("p0", value).withP0(value); return this; }

        /** The Kalman surrogate's initial curvature a0 (eq. 1). */
        public Builder a0(double value) { surrogate = kalman("a0", value).withA0(value); return this; }

        /**
         * The Kalman surrogate's measurement noise: the configured r, or estimated online per element
         * (docs/algorithm.md, "Noise-aware arTuRO").
         */
        public Builder measurementNoise(Surrogate.MeasurementNoise value) {
            Check.notNull("measurementNoise", value);
            surrogate = kalman("measurementNoise", value).withMeasurementNoise(value);
            return this;
        }

        /** The Adam-moments surrogate's β1 (ablation). */
        public Builder adamBeta1(double value) { surrogate = adamMoments("adamBeta1", value).withBeta1(value); return this; }

        /** The Adam-moments surrogate's β2 (ablation). */
        public Builder adamBeta2(double value) { surrogate = adamMoments("adamBeta2", value).withBeta2(value); return this; }

        /** The exact solver's relative tolerance on C(η) = ε_t. */
        public Builder solverTolerance(double value) {
            solver = solver("solverTolerance", value, Solver.EXACT).withTolerance(value);
            return this;
        }

        /** The bisection's bracket width at which it stops. */
        public Builder etaTol(double value) {
            solver = solver("etaTol", value, Solver.BISECTION).withEtaTol(value);
            return this;
        }

        /** The bisection's upper end of the first bracket. */
        public Builder etaMax(double value) {
            solver = solver("etaMax", value, Solver.BISECTION).withEtaMax(value);
            return this;
        }

        /** The fixed-η ablation's multiplier. */
        public Builder fixedEta(double value) {
            solver("fixedEta", value, Solver.FIXED);
            solver = new Solver.Fixed(value);
            return this;
        }

        /** The cap on passes per step of the exact solver or the bisection. */
        public Builder maxSolverIterations(int value) {
            if (solver instanceof Solver.Exact exact) {
                solver = exact.withMaxIterations(value);
            } else if (solver instanceof Solver.Bisection bisection) {
                solver = bisection.withMaxIterations(value);
            } else {
                throw InvalidHyperparameterException.notInUse("maxSolverIterations", value,
                        "the EXACT and BISECTION solvers", "solver = " + solver.name());
            }
            return this;
        }

        /**
         * Applies a preset's tuned values (ε, ρ, weight decay, and the Kalman filter's q and r when the
         * Kalman surrogate is in use), keeping everything else.
         */
        public Builder preset(ArturoPreset preset) {
            Check.notNull("preset", preset);
            if (surrogate instanceof Surrogate.Kalman kalman) {
                surrogate = kalman.withQ(preset.q()).withR(preset.r());
            }
            return epsilon(preset.epsilon()).rho(preset.rho()).weightDecay(preset.weightDecay());
        }

        /**
         * Checks the values that depend on each other, then freezes them: ε_t = ε·factor(t) a finite
         * float32 and ε_t·weightDecay &lt; 1 for the schedule's largest factor (eq. 2: 1 − ε_t·weightDecay
         * would turn negative and flip the parameters' sign); ρλ and the precision floor ρλ/(ρ + ν)
         * normal float32s; 1/(ρ + ν) normal (eqs. 4, 7, 8). A failed check names the value set last
         * among those it spans (the schedule when only its factors above 1 break it), else all of them.
         */
        public ArturoConfig build() {
            checkEpsilonSchedule();
            checkPrior();
            checkKernel();
            return new ArturoConfig(this);
        }

        private double set(String name, double value) {
            order.set(name);
            return value;
        }

        /** ε·maxFactor finite and ε·maxFactor·weightDecay &lt; 1, all as float32 (eq. 2). */
        private void checkEpsilonSchedule() {
            double max = schedule.maxFactor();
            Check.scaledFinite("epsilon", epsilon, schedule, max);
            Check.decayKeepsSign("epsilon", epsilon, weightDecay, schedule, max, order);
        }

        /** NATIVE only for what the native kernel runs. */
        private void checkKernel() {
            if (kernel == Kernel.NATIVE && !NativeExactStep.supports(solver, surrogate)) {
                String name = kernelFromEnvironment ? Kernel.ENVIRONMENT : "kernel";
                throw new InvalidHyperparameterException(name, kernel, "AUTO or GRAPH with solver = " + solver.name()
                        + " and surrogate = " + surrogate + " (the native kernel runs " + NativeExactStep.SUPPORTED + ")");
            }
        }

        /** ρλ and ρλ/(ρ + ν) normal float32s, ρ + ν at most 2^126 (1/(ρ + ν) normal), as the graph's constants. */
        private void checkPrior() {
            double rhoLambda = rho * lambda;
            if (!normal(rhoLambda)) {
                throw blame("rho·lambda", rhoLambda, "a normal float32 (h = quad + rho·lambda, eq. 4)",
                        new Term("rho", rho, Check.FLOAT_MIN_NORMAL / lambda, Check.FLOAT_MAX / lambda, "lambda = " + lambda),
                        new Term("lambda", lambda, Check.FLOAT_MIN_NORMAL / rho, Check.FLOAT_MAX / rho, "rho = " + rho));
            }
            double sum = rho + nu;
            if (sum > Check.RECIPROCAL_MAX) {
                throw blame("rho + nu", sum, "at most 2^126 = 8.507059E37, so that 1/(rho + nu) is a normal float32 (eq. 7)",
                        new Term("rho", rho, 0, Check.RECIPROCAL_MAX - nu, "nu = " + nu),
                        new Term("nu", nu, 0, Check.RECIPROCAL_MAX - rho, "rho = " + rho));
            }
            double floor = rhoLambda / sum;
            if (!normal(floor)) {
                double m = Check.FLOAT_MIN_NORMAL;
                throw blame("the precision floor rho·lambda/(rho + nu)", floor, "a normal float32 (eq. 8)",
                        new Term("rho", rho, lambda > m ? m * nu / (lambda - m) : Double.POSITIVE_INFINITY, Check.FLOAT_MAX,
                                "lambda = " + lambda + ", nu = " + nu),
                        new Term("lambda", lambda, m * sum / rho, Check.FLOAT_MAX, "rho = " + rho + ", nu = " + nu),
                        new Term("nu", nu, 0, rhoLambda / m - rho, "rho = " + rho + ", lambda = " + lambda));
            }
        }

        private static boolean normal(double value) {
            float f = (float) value;
            return f >= Float.MIN_NORMAL && !Float.isInfinite(f);
        }

        /** One value a derived quantity depends on, with the range it would need given the others. */
        private record Term(String name, double value, double low, double high, String others) {
        }

        /** The error for a derived quantity out of range: on the term set last, else on the quantity. */
        private InvalidHyperparameterException blame(String quantity, double value, String requirement, Term... terms) {
            String last = order.last(java.util.Arrays.stream(terms).map(Term::name).toArray(String[]::new));
            String detail = quantity + " = " + value + " must be " + requirement;
            for (Term t : terms) {
                if (t.name().equals(last)) {
                    double low = Math.max(t.low(), Check.FLOAT_MIN_NORMAL);
                    double high = Math.min(t.high(), Check.FLOAT_MAX);
                    String range = low > high ? "empty" : "[" + Check.floatText(low) + ", " + Check.floatText(high) + "]";
                    return new InvalidHyperparameterException(t.name(), t.value(),
                            range + " with " + t.others() + ": " + detail);
                }
            }
            return new InvalidHyperparameterException(quantity, value, requirement);
        }

        private Surrogate.Kalman kalman(String parameter, Object value) {
            if (surrogate instanceof Surrogate.Kalman k) {
                return k;
            }
            throw InvalidHyperparameterException.notInUse(parameter, value, "the KALMAN surrogate",
                    "surrogate = " + surrogate.name());
        }

        private Surrogate.AdamMoments adamMoments(String parameter, double value) {
            if (surrogate instanceof Surrogate.AdamMoments a) {
                return a;
            }
            throw InvalidHyperparameterException.notInUse(parameter, value, "the ADAM_MOMENTS surrogate",
                    "surrogate = " + surrogate.name());
        }

        /** The solver in use when it is of {@code kind}'s method; else a "not in use" error. */
        @SuppressWarnings("unchecked")
        private <S extends Solver> S solver(String parameter, double value, S kind) {
            if (kind.getClass().isInstance(solver)) {
                return (S) solver;
            }
            throw InvalidHyperparameterException.notInUse(parameter, value, "the " + kind.name() + " solver",
                    "solver = " + solver.name());
        }
    }
}
