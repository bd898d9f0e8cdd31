package org.arturo.tf.arturo;

import org.arturo.tf.Check;

/**
 * How the per-element gradient model g ≈ quad·θ + lin is fitted each step, with the parameters of that
 * model. Each model carries only its own parameters.
 */
public sealed interface Surrogate permits Surrogate.Kalman, Surrogate.AdamMoments {
    /**
     * The Kalman filter with the Fashion-MNIST CNN column's tuned q and r (paper Table 2) and the
     * Appendix C defaults P0 = 5e-5, a0 = 0.1.
     */
    Kalman KALMAN = new Kalman(ArturoPreset.FASHION_MNIST_CNN.q(), ArturoPreset.FASHION_MNIST_CNN.r(), 5e-5, 0.1);
    /** Adam's moments with β1 = 0.9, β2 = 0.999 (ablation). */
    AdamMoments ADAM_MOMENTS = new AdamMoments(0.9, 0.999);

    /** The model's name as the DSL and logs spell it: KALMAN or ADAM_MOMENTS. */
    String name();

    /**
     * The paper's recursive least squares / Kalman filter on the minibatch gradients (docs/algorithm.md,
     * eqs. 1 and 3).
     *
     * @param q  drift noise, added to P00 and P11 each step; finite, ≥ 0
     * @param r  measurement noise; finite, &gt; 0
     * @param p0 initial filter covariance (P00 = P11 = P0, P01 = 0); finite, &gt; 0
     * @param a0 initial curvature (quadratic term) of the model; finite, ≥ 0
     */
    record Kalman(double q, double r, double p0, double a0) implements Surrogate {
        public Kalman {
            Check.nonNegative("q", q);
            Check.positive("r", r);
            Check.positive("p0", p0);
            Check.nonNegative("a0", a0);
        }

        public Kalman withQ(double value) { return new Kalman(value, r, p0, a0); }

        public Kalman withR(double value) { return new Kalman(q, value, p0, a0); }

        public Kalman withP0(double value) { return new Kalman(q, r, value, a0); }

        public Kalman withA0(double value) { return new Kalman(q, r, p0, value); }

        @Override
        public String name() { return "KALMAN"; }
    }

    /**
     * Ablation (paper Fig. 3): Adam's bias-corrected moments instead of the filter, quad = √v̂ + 1e-8
     * and lin = m̂ − quad·θ, so the model's gradient at θ is m̂ and its curvature Adam's scale (eq. 13).
     *
     * @param beta1 decay of the first moment; in (0, 1)
     * @param beta2 decay of the second moment; in (0, 1)
     */
    record AdamMoments(double beta1, double beta2) implements Surrogate {
        public AdamMoments {
            Check.openInterval("adamBeta1", beta1, 0, 1);
            Check.openInterval("adamBeta2", beta2, 0, 1);
        }

        public AdamMoments withBeta1(double value) { return new AdamMoments(value, beta2); }

        public AdamMoments withBeta2(double value) { return new AdamMoments(beta1, value); }

        @Override
        public String name() { return "ADAM_MOMENTS"; }
    }
}
