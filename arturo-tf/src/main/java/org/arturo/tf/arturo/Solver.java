package org.arturo.tf.arturo;

import org.arturo.tf.Check;

/**
 * How the global Lagrange multiplier η of the KL trust region is found each step, with the
 * parameters of that method. Setting a parameter of a solver that is not in use is not possible: each
 * method carries only its own.
 *
 * <pre>{@code
 * ArturoConfig.builder().solver(Solver.EXACT.withTolerance(1e-4))
 * ArturoConfig.builder().solver(new Solver.Bisection(0.5, 10_000, 30))
 * }</pre>
 */
public sealed interface Solver permits Solver.Exact, Solver.Bisection, Solver.Fixed {
    /** The exact solver with its defaults: tolerance 1e-3, at most 30 passes. */
    Exact EXACT = new Exact(1e-3, 30);
    /** The reference bisection with its defaults: etaTol 0.5, etaMax 10 000, at most 30 passes. */
    Bisection BISECTION = new Bisection(0.5, 10_000, 30);
    /** The fixed-η ablation with η = 1. */
    Fixed FIXED = new Fixed(1.0);

    /** The three methods with their defaults. */
    static Solver[] values() {
        return new Solver[] {EXACT, BISECTION, FIXED};
    }

    /** The method's name as the DSL and logs spell it: EXACT, BISECTION or FIXED. */
    String name();

    /**
     * The root of C(η) = ε_t on (η_min, ∞) by a safeguarded Newton iteration on C(η)^(-1/2)
     * (docs/algorithm.md, eqs. 9–11). Meets the bound to {@code tolerance} relative, usually in 2–3 passes.
     *
     * @param tolerance     stop when |C(η) − ε_t| ≤ tolerance · ε_t; in (0, 0.5), a normal float32
     * @param maxIterations cap on passes over the parameters per step; in [1, 1000]
     */
    record Exact(double tolerance, int maxIterations) implements Solver {
        public Exact {
            Check.positiveFloatBelow("solverTolerance", tolerance, 0.5, null);
            Check.inRange("maxSolverIterations", maxIterations, 1, 1000);
        }

        public Exact withTolerance(double value) { return new Exact(value, maxIterations); }

        public Exact withMaxIterations(int value) { return new Exact(tolerance, value); }

        @Override
        public String name() { return "EXACT"; }
    }

    /**
     * The reference implementation's bisection: warm-started bracket [η/3, 3η], stop when narrower than
     * {@code etaTol} or at |C − ε| &lt; 0.1 ε (eq. 12). Reproduces published results.
     *
     * @param etaTol        bracket width at which to stop; a positive normal float32
     * @param etaMax        the upper end of the first bracket; a positive normal float32 of at most
     *                      FLT_MAX/2 = 1.7014117E38, so that the midpoint (lo + up)/2 stays finite
     * @param maxIterations cap on passes per step; in [1, 1000]
     */
    record Bisection(double etaTol, double etaMax, int maxIterations) implements Solver {
        public Bisection {
            Check.positiveFloat("etaTol", etaTol);
            Check.positiveFloat("etaMax", etaMax, Check.FLOAT_MAX / 2,
                    "the bisection's lo + up must stay a finite float32");
            Check.inRange("maxSolverIterations", maxIterations, 1, 1000);
        }

        public Bisection withEtaTol(double value) { return new Bisection(value, etaMax, maxIterations); }

        public Bisection withEtaMax(double value) { return new Bisection(etaTol, value, maxIterations); }

        public Bisection withMaxIterations(int value) { return new Bisection(etaTol, etaMax, value); }

        @Override
        public String name() { return "BISECTION"; }
    }

    /**
     * Ablation (paper Fig. 3): η = {@code eta} every step, raised only as far as negative curvature
     * requires (η ≥ 2·η_min). The KL bound ε then has no effect on the step.
     *
     * @param eta the multiplier; a positive normal float32 of at most 2^126, so that 1/(λ_j + η)
     *            stays a normal float32 (a larger η would move nothing)
     */
    record Fixed(double eta) implements Solver {
        public Fixed {
            Check.positiveFloat("fixedEta", eta, Check.RECIPROCAL_MAX,
                    "1/(lambda_j + fixedEta) must stay a normal float32, else the step moves nothing");
        }

        @Override
        public String name() { return "FIXED"; }
    }
}
