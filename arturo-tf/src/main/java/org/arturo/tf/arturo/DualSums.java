package org.arturo.tf.arturo;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.arturo.tf.graph.WhileLoop;
import org.arturo.tf.numerics.Reductions;
import org.arturo.tf.numerics.Reductions.Accumulation;
import org.tensorflow.op.Ops;

/**
 * C(η) = ½ Σ c/(λ + η)² and S(η) = −C'(η) = Σ c/(λ + η)³ (docs/algorithm.md, eqs. 6 and 10), summed
 * over every tensor. Used inside the solvers' loop bodies, where the terms arrive as loop variables
 * laid out (λ, c) per tensor starting at {@code offset}. One pass reads two floats per element. The
 * exact solver adds the float32 terms in float64 ({@link Accumulation#DOUBLE}), as the native core
 * adds them, so that both kernels' solvers see the same C and S and take the same η. The bisection,
 * which runs on the graph only, adds them in float32 and saves a Cast per tensor in every pass.
 */
final class DualSums {
    private static final int PER_TENSOR = 2;

    final Operand<Float> c;
    final Operand<Float> slope;

    private DualSums(Operand<Float> c, Operand<Float> slope) {
        this.c = c;
        this.slope = slope;
    }

    /** Lays the terms out as loop variables: λ, c for each tensor. */
    static List<Output<?>> loopVariables(List<TrustRegionTerms> terms) {
        List<Output<?>> vars = new ArrayList<>();
        for (TrustRegionTerms t : terms) {
            vars.add(t.lambda.asOutput());
            vars.add(t.c.asOutput());
        }
        return vars;
    }

    static DualSums at(Ops tf, Output<?>[] vars, int offset, Operand<Float> eta, boolean withSlope,
            Accumulation accumulation) {
        List<Operand<Float>> cParts = new ArrayList<>();
        List<Operand<Float>> slopeParts = new ArrayList<>();
        for (int i = offset; i < vars.length; i += PER_TENSOR) {
            Output<Float> lambda = WhileLoop.f(vars[i]);
            Output<Float> c = WhileLoop.f(vars[i + 1]);
            Operand<Float> inverse = tf.math.reciprocal(tf.math.add(lambda, eta));
            Operand<Float> term = tf.math.mul(tf.math.mul(c, inverse), inverse);
            cParts.add(term);
            if (withSlope) {
                slopeParts.add(tf.math.mul(term, inverse));
            }
        }
        Operand<Float> c = tf.math.mul(tf.constant(0.5f), Reductions.sumOfAll(tf, cParts, accumulation));
        return new DualSums(c, withSlope ? Reductions.sumOfAll(tf, slopeParts, accumulation) : null);
    }

    /** Passes the terms through unchanged as the body's outputs. */
    static void passThrough(Output<?>[] vars, int offset, Operand<?>[] next) {
        System.arraycopy(vars, offset, next, offset, vars.length - offset);
    }
}
