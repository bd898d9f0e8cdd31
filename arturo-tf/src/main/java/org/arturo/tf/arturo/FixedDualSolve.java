package org.arturo.tf.arturo;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;

/**
 * Ablation (paper Fig. 3): a fixed η instead of the dual solve, so the step size no longer adapts
 * to the KL bound. Raised to 2·η_min (eq. 10) when negative curvature requires it: there every
 * coordinate's denominator h + prec·η is at least |h|, so the surrogate stays convex and the step
 * finite (just right of η_min the step would be unbounded).
 */
final class FixedDualSolve implements DualSolve {
    private final double eta;

    FixedDualSolve(Solver.Fixed settings) {
        this.eta = settings.eta();
    }

    @Override
    public Result solve(Ops tf, List<TrustRegionTerms> terms, Operand<Float> epsilon, Operand<Float> lastEta) {
        Operand<Float> floor = tf.math.mul(tf.constant(2f), TrustRegionTerms.etaMin(tf, terms).etaMin());
        return new Result(tf.math.maximum(tf.constant((float) eta), floor), tf.constant(0f));
    }
}
