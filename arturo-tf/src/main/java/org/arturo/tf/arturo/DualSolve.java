package org.arturo.tf.arturo;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;

/** Finds the one Lagrange multiplier η shared by all parameter tensors (docs/algorithm.md, eq. 9). */
interface DualSolve {
    /** η and the number of passes over the parameters it took. */
    record Result(Operand<Float> eta, Operand<Float> iterations) {
    }

    /**
     * @param terms   the per-tensor terms of eq. (6)
     * @param epsilon ε_t, the bound in force this step
     * @param lastEta η of the last applied step, −1 before the first
     */
    Result solve(Ops tf, List<TrustRegionTerms> terms, Operand<Float> epsilon, Operand<Float> lastEta);

    /** The graph of the configured method. */
    static DualSolve of(Solver solver) {
        if (solver instanceof Solver.Exact exact) {
            return new ExactDualSolve(exact);
        }
        if (solver instanceof Solver.Bisection bisection) {
            return new BisectionDualSolve(bisection);
        }
        return new FixedDualSolve((Solver.Fixed) solver);
    }
}
