package org.arturo.tf;

/** How the per-element gradient model g ≈ quad·θ + lin is fitted each step. */
public enum SurrogateModel {
    /** The paper's recursive least squares / Kalman filter on the minibatch gradients, eq. (3). */
    KALMAN,
    /**
     * Ablation (paper Fig. 3): Adam's bias-corrected moments instead of the filter, quad = √v̂ + 1e-8
     * and lin = m̂ − quad·θ, so the model's gradient at θ is m̂ and its curvature Adam's scale.
     */
    ADAM_MOMENTS
}
