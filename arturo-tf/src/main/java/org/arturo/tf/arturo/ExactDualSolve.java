package org.arturo.tf.arturo;

import java.util.ArrayList;
import java.util.List;
import org.arturo.tf.numerics.Reductions.Accumulation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.arturo.tf.graph.AsWritten;
import org.arturo.tf.graph.WhileLoop;
import org.tensorflow.op.Ops;

/**
 * The root of C(η) = ε_t on (η_min, ∞) by Newton's method on φ(η) = C(η)^(-1/2) − ε_t^(-1/2)
 * (docs/algorithm.md, eqs. 9–11). φ is increasing and concave there, so Newton steps from the left
 * never overshoot; the bracket [lo, hi] guards steps from the right and non-finite values. On
 * convergence the Newton step already computed is taken once more for free ("polish"), which makes
 * η accurate to about tolerance² at no extra pass.
 */
final class ExactDualSolve implements DualSolve {
    // Loop variable layout.
    private static final int ETA = 0;
    private static final int LO = 1;
    private static final int HI = 2;
    private static final int ITER = 3;
    private static final int DONE = 4;
    private static final int EPS = 5;
    private static final int ALL_POSITIVE = 6;
    private static final int TERMS = 7;

    private final double tolerance;
    private final int maxIterations;

    ExactDualSolve(Solver.Exact settings) {
        this.tolerance = settings.tolerance();
        this.maxIterations = settings.maxIterations();
    }

    @Override
    public Result solve(Ops tf, List<TrustRegionTerms> terms, Operand<Float> epsilon, Operand<Float> lastEta) {
        TrustRegionTerms.EtaMin bound = TrustRegionTerms.etaMin(tf, terms);
        Operand<Float> etaMin = bound.etaMin();
        Operand<Boolean> allPositive = bound.allPositive();
        Operand<Float> zero = tf.constant(0f);
        // Start from last step's η, but strictly right of the pole at η_min; with no negative
        // curvature η = 0 is a valid start and its pass doubles as the "unconstrained?" test.
        Operand<Float> rightOfPole = TrustRegionTerms.rightOfPole(tf, etaMin);
        Operand<Float> start = tf.selectV2(allPositive,
                tf.math.maximum(lastEta, zero), tf.math.maximum(lastEta, rightOfPole));

        List<Output<?>> inputs = new ArrayList<>(List.of(
                start.asOutput(), etaMin.asOutput(), tf.constant(Float.POSITIVE_INFINITY).asOutput(),
                zero.asOutput(), zero.asOutput(), epsilon.asOutput(),
                tf.dtypes.cast(allPositive, Float.class).asOutput()));
        inputs.addAll(DualSums.loopVariables(terms));

        Output<?>[] out = WhileLoop.run(tf, "arturo_exact_eta", inputs.toArray(new Output<?>[0]),
                (t, v) -> t.math.logicalAnd(
                        t.math.less(WhileLoop.f(v[DONE]), t.constant(0.5f)),
                        t.math.less(WhileLoop.f(v[ITER]), t.constant((float) maxIterations))),
                this::newtonStep);

        // Converged: the polished η. Capped: the last η known to keep C ≤ ε_t, if any.
        Output<Float> eta = WhileLoop.f(out[ETA]);
        Output<Float> hi = WhileLoop.f(out[HI]);
        Operand<Boolean> converged = tf.math.greater(WhileLoop.f(out[DONE]), tf.constant(0.5f));
        Operand<Float> fallback = tf.selectV2(tf.math.isFinite(hi), hi, eta);
        return new Result(tf.selectV2(converged, eta, fallback), WhileLoop.f(out[ITER]));
    }

    private Operand<?>[] newtonStep(Ops tf, Output<?>[] v) {
        Output<Float> eta = WhileLoop.f(v[ETA]);
        Output<Float> lo = WhileLoop.f(v[LO]);
        Output<Float> hi = WhileLoop.f(v[HI]);
        Output<Float> eps = WhileLoop.f(v[EPS]);
        Operand<Boolean> allPositive = tf.math.greater(WhileLoop.f(v[ALL_POSITIVE]), tf.constant(0.5f));
        Operand<Float> zero = tf.constant(0f);
        Operand<Float> half = tf.constant(0.5f);

        DualSums sums = DualSums.at(tf, v, TERMS, eta, true, Accumulation.DOUBLE);
        Operand<Float> c = sums.c;
        // φ = C^(-1/2) − ε^(-1/2);  φ' = −½ C^(-3/2) C' = ½ S C^(-1/2) / C  (S = −C' ≥ 0), eq. (11)
        Operand<Float> inverseRootC = tf.math.rsqrt(c);
        Operand<Float> phi = tf.math.sub(inverseRootC, tf.math.rsqrt(eps));
        // As written: TF's graph optimizer would turn ½·(x/C) into (½/C)·x.
        Operand<Float> slope = tf.math.mul(AsWritten.constant(tf, 0.5f),
                tf.math.div(tf.math.mul(sums.slope, inverseRootC), c));
        Operand<Float> newton = tf.math.sub(eta, tf.math.div(phi, slope));

        Operand<Boolean> withinTolerance = tf.math.lessEqual(
                tf.math.abs(tf.math.sub(c, eps)), tf.math.mul(tf.constant((float) tolerance), eps));
        Operand<Boolean> unconstrained = tf.math.logicalAnd(allPositive,
                tf.math.logicalAnd(tf.math.equal(eta, zero), tf.math.lessEqual(c, eps)));
        Operand<Boolean> converged = tf.math.logicalOr(withinTolerance, unconstrained);

        // φ < 0: η is left of the root; φ > 0: right of it.
        Operand<Float> newLo = tf.selectV2(tf.math.less(phi, zero), eta, lo);
        Operand<Float> newHi = tf.selectV2(tf.math.greater(phi, zero), eta, hi);

        // Safeguards for the next trial: a non-finite step bisects (or grows η when no upper end is
        // known yet); a step left of lo moves halfway to lo, or tries η = 0 when that is allowed.
        Operand<Float> grown = tf.math.add(tf.math.mul(tf.constant(4f), eta), tf.constant(1e-6f));
        Operand<Float> bisected = tf.math.mul(half, tf.math.add(newLo, newHi));
        Operand<Float> next = tf.selectV2(tf.math.isFinite(newton), newton,
                tf.selectV2(tf.math.isFinite(newHi), bisected, grown));
        Operand<Boolean> mayTryZero = tf.math.logicalAnd(allPositive, tf.math.equal(newLo, zero));
        Operand<Float> towardsLo = tf.selectV2(mayTryZero, zero, tf.math.mul(half, tf.math.add(newLo, eta)));
        next = tf.selectV2(tf.math.lessEqual(next, newLo), towardsLo, next);
        next = tf.selectV2(tf.math.greaterEqual(next, newHi), tf.math.mul(half, tf.math.add(eta, newHi)), next);

        // On convergence keep the free polish step only if it is finite and inside (lo, hi).
        Operand<Boolean> polishInside = tf.math.logicalAnd(tf.math.isFinite(newton),
                tf.math.logicalAnd(tf.math.greater(newton, newLo), tf.math.less(newton, newHi)));
        Operand<Float> polished = tf.selectV2(polishInside, newton, eta);
        Operand<Float> finalEta = tf.selectV2(unconstrained, zero, polished);

        Operand<?>[] nextVars = new Operand<?>[v.length];
        nextVars[ETA] = tf.selectV2(converged, finalEta, next);
        nextVars[LO] = newLo;
        nextVars[HI] = newHi;
        nextVars[ITER] = tf.math.add(WhileLoop.f(v[ITER]), tf.constant(1f));
        nextVars[DONE] = tf.dtypes.cast(converged, Float.class);
        nextVars[EPS] = eps;
        nextVars[ALL_POSITIVE] = v[ALL_POSITIVE];
        DualSums.passThrough(v, TERMS, nextVars);
        return nextVars;
    }
}
