package org.arturo.tf.arturo;

import java.util.ArrayList;
import java.util.List;
import org.arturo.tf.graph.AsWritten;
import org.arturo.tf.graph.StateWrite;
import org.arturo.tf.state.StateFactory;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;

/**
 * The per-element Kalman filter that fits g ≈ quad·θ + lin (docs/algorithm.md, eqs. 1 and 3):
 * state (lin, quad), observation row H = (1, θ), drift q, noise r, covariance P = [[p00, p01], [p01, p11]].
 */
final class KalmanFit implements SurrogateFit {
    static final String LIN = "lin";
    static final String QUAD = "quad";
    static final String P00 = "p00";
    static final String P01 = "p01";
    static final String P11 = "p11";

    private final Surrogate.Kalman c;
    final Variable<Float> lin;
    final Variable<Float> quad;
    final Variable<Float> p00;
    final Variable<Float> p01;
    final Variable<Float> p11;
    /** The online noise estimate; null with a fixed r. */
    private final MeasurementNoiseEstimate noise;

    KalmanFit(Ops tf, Variable<Float> parameter, Surrogate.Kalman c, StateFactory factory) {
        this.c = c;
        noise = c.measurementNoise() == Surrogate.MeasurementNoise.ESTIMATED
                ? new MeasurementNoiseEstimate(tf, parameter, factory) : null;
        // eq. (1): quad = a0, P = diag(p0, p0); lin is replaced by the first gradient on step 0.
        lin = factory.createSlot(tf, parameter, LIN, 0f);
        quad = factory.createSlot(tf, parameter, QUAD, (float) c.a0());
        p00 = factory.createSlot(tf, parameter, P00, (float) c.p0());
        p01 = factory.createSlot(tf, parameter, P01, 0f);
        p11 = factory.createSlot(tf, parameter, P11, (float) c.p0());
    }

    @Override
    public Fit fit(Ops tf, Operand<Float> theta, Operand<Float> g, Operand<Boolean> firstStep, Operand<Float> step) {
        // eq. (1): Switch/Merge picks the live input (gradient on step 0, else lin) without a copy.
        Operand<Float> linBefore = tf.merge(List.of(
                tf.switchCond(g, firstStep).outputTrue(),
                tf.switchCond(lin, firstStep).outputFalse())).output();
        Operand<Float> q;
        Operand<Float> r;
        Operand<Float> p00Before = p00;
        Operand<Float> p11Before = p11;
        List<StateWrite> noiseWrites = List.of();
        Operand<Boolean> valid = null;
        if (noise != null) {
            // Noise-aware: r per element, q_t = (q/r)·mean r_t, P0 = (P0/r)·r_prior (docs/algorithm.md, N4):
            // the configured ratios, in the units of this tensor's gradients.
            MeasurementNoiseEstimate.Estimate e = noise.estimate(tf, g, firstStep, step);
            r = e.r();
            q = tf.math.mul(tf.constant((float) c.driftRatio()), e.meanR());
            Operand<Float> p0 = tf.math.mul(tf.constant((float) c.priorRatio()), e.prior());
            p00Before = tf.selectV2(firstStep, p0, p00);
            p11Before = tf.selectV2(firstStep, p0, p11);
            noiseWrites = e.writes();
            // An overflowing g² or (g − m)² makes r infinite: skip the step rather than store it.
            valid = tf.math.logicalAnd(tf.math.isFinite(e.meanR()), tf.math.isFinite(p0));
        } else {
            // As written: q and r enter additions that TF's graph optimizer would otherwise reassociate.
            q = AsWritten.constant(tf, (float) c.q());
            r = AsWritten.constant(tf, (float) c.r());
        }
        // (3a) predict: P += diag(q, q)
        Operand<Float> p00Pred = tf.math.add(p00Before, q);
        Operand<Float> p11Pred = tf.math.add(p11Before, q);
        // (3b) P Hᵀ and innovation variance s = H P Hᵀ + r
        Operand<Float> ph0 = tf.math.add(p00Pred, tf.math.mul(p01, theta));
        Operand<Float> ph1 = tf.math.add(p01, tf.math.mul(p11Pred, theta));
        Operand<Float> s = tf.math.add(tf.math.add(ph0, tf.math.mul(ph1, theta)), r);
        // (3c) gain k = P Hᵀ / s
        Operand<Float> k0 = tf.math.div(ph0, s);
        Operand<Float> k1 = tf.math.div(ph1, s);
        // (3d) correct the mean with the innovation δ = g − (quad·θ + lin)
        Operand<Float> delta = tf.math.sub(tf.math.sub(g, tf.math.mul(theta, quad)), linBefore);
        Operand<Float> newLin = tf.math.add(linBefore, tf.math.mul(k0, delta));
        Operand<Float> newQuad = tf.math.add(quad, tf.math.mul(k1, delta));
        // (3e) P −= k s kᵀ, where k s = P Hᵀ
        List<StateWrite> writes = new ArrayList<>(List.of(
                new StateWrite(lin, newLin),
                new StateWrite(quad, newQuad),
                new StateWrite(p00, tf.math.sub(p00Pred, tf.math.mul(k0, ph0))),
                new StateWrite(p01, tf.math.sub(p01, tf.math.mul(k0, ph1))),
                new StateWrite(p11, tf.math.sub(p11Pred, tf.math.mul(k1, ph1)))));
        writes.addAll(noiseWrites);
        return new Fit(newLin, newQuad, writes, valid);
    }

    @Override
    public List<Variable<Float>> variables() {
        List<Variable<Float>> all = new ArrayList<>(List.of(lin, quad, p00, p01, p11));
        if (noise != null) {
            all.addAll(noise.variables());
        }
        return all;
    }
}
