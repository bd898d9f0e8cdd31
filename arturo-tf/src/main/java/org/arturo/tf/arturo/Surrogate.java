package org.arturo.tf.arturo;

import org.arturo.tf.Check;
import org.arturo.tf.InvalidHyperparameterException;

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
    /**
     * {@link #KALMAN} with the measurement noise estimated online per element ({@link MeasurementNoise#ESTIMATED}):
     * the Fashion-MNIST ratios q/r and P0/r.
     */
    Kalman NOISE_AWARE_KALMAN = KALMAN.withMeasurementNoise(MeasurementNoise.ESTIMATED);
    /** Adam's moments with β1 = 0.9, β2 = 0.999 (ablation). */
    AdamMoments ADAM_MOMENTS = new AdamMoments(0.9, 0.999);

    /** The model's name as the DSL and logs spell it: KALMAN or ADAM_MOMENTS. */
    String name();

    /**
     * Where the Kalman filter's measurement noise comes from (docs/algorithm.md, "Noise-aware arTuRO").
     */
    enum MeasurementNoise {
        /** The paper's filter: one tuned r for every element and step. */
        FIXED,
        /**
         * Per element and step, r is a shrinkage estimate of the variance of the observed gradient
         * element (moving averages with β = 0.9, pulled towards the tensor's mean estimate with a prior
         * weight of two samples), and the tensor's drift noise is q_t = (q/r)·mean(r_t): each tensor
         * keeps the tuned average gain, noisier elements get smaller gains. Only the ratios q/r and
         * P0/r of the configuration are used, so r itself is not tuned. Two more floats per parameter.
         */
        ESTIMATED
    }

    /**
     * The paper's recursive least squares / Kalman filter on the minibatch gradients (docs/algorithm.md,
     * eqs. 1 and 3).
     *
     * <p>Each value is a float32 constant of the filter: q and a0 are 0 or a positive normal float32,
     * r and p0 positive normal float32s, and p0 + q + r, the first step's innovation variance at θ = 0
     * (eq. 3b), a finite float32: beyond it the gains would be 0 and the filter would stop.
     *
     * @param q  drift noise, added to P00 and P11 each step; ≥ 0
     * @param r  measurement noise; &gt; 0
     * @param p0 initial filter covariance (P00 = P11 = P0, P01 = 0); &gt; 0
     * @param a0 initial curvature (quadratic term) of the model; ≥ 0
     * @param measurementNoise r as configured ({@link MeasurementNoise#FIXED}) or estimated online
     *                         ({@link MeasurementNoise#ESTIMATED}, where r only sets the ratios q/r and P0/r)
     */
    record Kalman(double q, double r, double p0, double a0, MeasurementNoise measurementNoise) implements Surrogate {
        public Kalman {
            Check.nonNegativeFloat("q", q);
            Check.positiveFloat("r", r);
            Check.positiveFloat("p0", p0);
            Check.nonNegativeFloat("a0", a0);
            Check.notNull("measurementNoise", measurementNoise);
            checkSum("p0 + q + r", p0 + q + r, "p0 + q + r");
        }

        /** The paper's filter, with a fixed r. */
        public Kalman(double q, double r, double p0, double a0) {
            this(q, r, p0, a0, MeasurementNoise.FIXED);
        }

        /** A new q; an overflowing p0 + q + r is blamed on q. */
        public Kalman withQ(double value) {
            checkSum("q", Check.nonNegativeFloat("q", value), value + r + p0, "3.4028235E38 − p0 − r", Check.FLOAT_MAX - p0 - r);
            return new Kalman(value, r, p0, a0, measurementNoise);
        }

        /** A new r; an overflowing p0 + q + r is blamed on r. */
        public Kalman withR(double value) {
            checkSum("r", Check.positiveFloat("r", value), value + q + p0, "3.4028235E38 − p0 − q", Check.FLOAT_MAX - p0 - q);
            return new Kalman(q, value, p0, a0, measurementNoise);
        }

        /** A new p0; an overflowing p0 + q + r is blamed on p0. */
        public Kalman withP0(double value) {
            checkSum("p0", Check.positiveFloat("p0", value), value + q + r, "3.4028235E38 − q − r", Check.FLOAT_MAX - q - r);
            return new Kalman(q, r, value, a0, measurementNoise);
        }

        public Kalman withA0(double value) { return new Kalman(q, r, p0, value, measurementNoise); }

        public Kalman withMeasurementNoise(MeasurementNoise value) { return new Kalman(q, r, p0, a0, value); }

        /** λ = q/r: with r and P0 it fixes the filter's gains, which depend on the ratios only. */
        public double driftRatio() { return q / r; }

        /** π = P0/r. */
        public double priorRatio() { return p0 / r; }

        @Override
        public String name() { return "KALMAN"; }

        private static final String SUM = "p0 + q + r, the first innovation variance (eq. 3b), must be a finite float32";

        private static void checkSum(String name, double sum, String expression) {
            if (sum > Check.FLOAT_MAX) {
                throw new InvalidHyperparameterException(name, sum, "(0, 3.4028235E38]: " + SUM);
            }
        }

        private static void checkSum(String name, double value, double sum, String boundText, double bound) {
            if (sum > Check.FLOAT_MAX) {
                throw new InvalidHyperparameterException(name, value,
                        (name.equals("q") ? "[0, " : "(0, ") + boundText + "] = " + (name.equals("q") ? "[0, " : "(0, ")
                                + Check.floatText(bound) + "]: " + SUM);
            }
        }
    }

    /**
     * Ablation (paper Fig. 3): Adam's bias-corrected moments instead of the filter, quad = √v̂ + 1e-8
     * and lin = m̂ − quad·θ, so the model's gradient at θ is m̂ and its curvature Adam's scale (eq. 13).
     *
     * @param beta1 decay of the first moment; in (0, 1) as a normal float32 (0.9999999999 rounds to
     *              1.0f and is rejected: the bias correction divides by 1 − β^t)
     * @param beta2 decay of the second moment; in (0, 1) as a normal float32
     */
    record AdamMoments(double beta1, double beta2) implements Surrogate {
        public AdamMoments {
            Check.fractionFloat("adamBeta1", beta1, false);
            Check.fractionFloat("adamBeta2", beta2, false);
        }

        public AdamMoments withBeta1(double value) { return new AdamMoments(value, beta2); }

        public AdamMoments withBeta2(double value) { return new AdamMoments(beta1, value); }

        @Override
        public String name() { return "ADAM_MOMENTS"; }
    }
}
