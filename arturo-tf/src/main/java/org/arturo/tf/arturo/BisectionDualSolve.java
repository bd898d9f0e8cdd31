package org.arturo.tf.arturo;

import java.util.ArrayList;
import java.util.List;
import org.arturo.tf.numerics.Reductions.Accumulation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.arturo.tf.graph.WhileLoop;
import org.tensorflow.op.Ops;

/**
 * The reference implementation's bisection (docs/algorithm.md, eq. 12), kept exactly so published
 * hyperparameters reproduce: bracket [0, etaMax] on the first step, else [η/3, min(3η, etaMax)];
 * halve while wider than etaTol; stop early once |C(mid) − ε| &lt; 0.1 ε; η = the bracket's midpoint.
 */
final class BisectionDualSolve implements DualSolve {
    private static final int LO = 0;
    private static final int UP = 1;
    private static final int ITER = 2;
    private static final int DONE = 3;
    private static final int EPS = 4;
    private static final int TERMS = 5;

    private final double etaTol;
    private final double etaMax;
    private final int maxIterations;

    BisectionDualSolve(Solver.Bisection settings) {
        this.etaTol = settings.etaTol();
        this.etaMax = settings.etaMax();
        this.maxIterations = settings.maxIterations();
    }

    @Override
    public Result solve(Ops tf, List<TrustRegionTerms> terms, Operand<Float> epsilon, Operand<Float> lastEta) {
        Operand<Float> max = tf.constant((float) etaMax);
        Operand<Boolean> first = tf.math.less(lastEta, tf.constant(0f));
        Operand<Float> lo = tf.selectV2(first, tf.constant(0f), tf.math.div(lastEta, tf.constant(3f)));
        Operand<Float> up = tf.selectV2(first, max, tf.math.minimum(tf.math.mul(lastEta, tf.constant(3f)), max));

        List<Output<?>> inputs = new ArrayList<>(List.of(lo.asOutput(), up.asOutput(),
                tf.constant(0f).asOutput(), tf.constant(0f).asOutput(), epsilon.asOutput()));
        inputs.addAll(DualSums.loopVariables(terms));

        Output<?>[] out = WhileLoop.run(tf, "arturo_bisection_eta", inputs.toArray(new Output<?>[0]),
                (t, v) -> t.math.logicalAnd(
                        t.math.greater(t.math.sub(WhileLoop.f(v[UP]), WhileLoop.f(v[LO])), t.constant((float) etaTol)),
                        t.math.logicalAnd(t.math.less(WhileLoop.f(v[DONE]), t.constant(0.5f)),
                                t.math.less(WhileLoop.f(v[ITER]), t.constant((float) maxIterations)))),
                this::halve);

        Operand<Float> eta = tf.math.mul(tf.constant(0.5f),
                tf.math.add(WhileLoop.f(out[LO]), WhileLoop.f(out[UP])));
        return new Result(eta, WhileLoop.f(out[ITER]));
    }

    private Operand<?>[] halve(Ops tf, Output<?>[] v) {
        Output<Float> lo = WhileLoop.f(v[LO]);
        Output<Float> up = WhileLoop.f(v[UP]);
        Output<Float> eps = WhileLoop.f(v[EPS]);
        Operand<Float> mid = tf.math.mul(tf.constant(0.5f), tf.math.add(lo, up));
        Operand<Float> excess = tf.math.sub(DualSums.at(tf, v, TERMS, mid, false, Accumulation.FLOAT).c, eps);
        // C(mid) > ε: the step is too large, η must grow (NaN compares false, as in the reference).
        Operand<Boolean> tooLarge = tf.math.greater(excess, tf.constant(0f));

        Operand<?>[] next = new Operand<?>[v.length];
        next[LO] = tf.selectV2(tooLarge, mid, lo);
        next[UP] = tf.selectV2(tooLarge, up, mid);
        next[ITER] = tf.math.add(WhileLoop.f(v[ITER]), tf.constant(1f));
        next[DONE] = tf.dtypes.cast(
                tf.math.less(tf.math.abs(excess), tf.math.mul(tf.constant(0.1f), eps)), Float.class);
        next[EPS] = eps;
        DualSums.passThrough(v, TERMS, next);
        return next;
    }
}
