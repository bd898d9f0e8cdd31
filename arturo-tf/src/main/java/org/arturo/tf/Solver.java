package org.arturo.tf;

/** How the global Lagrange multiplier η of the KL trust region is found each step. */
public enum Solver {
    /**
     * The root of C(η) = ε_t on (η_min, ∞) by a safeguarded Newton iteration on C(η)^(-1/2)
     * (docs/algorithm.md, eqs. 9–11). Meets the bound to 1e-3 relative, usually in 2–3 passes.
     */
    EXACT,
    /**
     * The reference implementation's bisection: warm-started bracket [η/3, 3η], tolerance
     * {@code etaTol}, early stop at |C − ε| &lt; 0.1 ε (eq. 12). Reproduces published results.
     */
    BISECTION,
    /**
     * Ablation (paper Fig. 3): η = {@code fixedEta} every step, raised only as far as negative
     * curvature requires (η ≥ 2·η_min). The KL bound ε then has no effect on the step.
     */
    FIXED
}
