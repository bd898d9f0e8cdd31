package org.arturo.tf;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;

/**
 * C(η) = ½ Σ w/d² and S(η) = −C'(η) = Σ w·prec/d³ with d = h + prec·η (docs/algorithm.md, eqs.
 * 6 and 10), summed over every tensor. Used inside the solvers' loop bodies, where the terms arrive
 * as loop variables laid out (h, prec, w) per tensor starting at {@code offset}.
 */
final class DualSums {
    final Operand<Float> c;
    final Operand<Float> slope;

    private DualSums(Operand<Float> c, Operand<Float> slope) {
        this.c = c;
        this.slope = slope;
    }

    /** Lays the terms out as loop variables: h, prec, w for each tensor. */
    static List<Output<?>> loopVariables(List<TrustRegionTerms> terms) {
        List<Output<?>> vars = new ArrayList<>();
        for (TrustRegionTerms t : terms) {
            vars.add(t.h.asOutput());
            vars.add(t.precision.asOutput());
            vars.add(t.w.asOutput());
        }
        return vars;
    }

    static DualSums at(Ops tf, Output<?>[] vars, int offset, Operand<Float> eta, boolean withSlope) {
        Operand<Integer> axis = tf.constant(0);
        List<Operand<Float>> cParts = new ArrayList<>();
        List<Operand<Float>> slopeParts = new ArrayList<>();
        for (int i = offset; i < vars.length; i += 3) {
            Output<Float> h = WhileLoop.f(vars[i]);
            Output<Float> precision = WhileLoop.f(vars[i + 1]);
            Output<Float> w = WhileLoop.f(vars[i + 2]);
            Operand<Float> inverseD = tf.math.reciprocal(tf.math.add(h, tf.math.mul(precision, eta)));
            Operand<Float> term = tf.math.mul(w, tf.math.square(inverseD));
            cParts.add(tf.reduceSum(term, axis));
            if (withSlope) {
                slopeParts.add(tf.reduceSum(tf.math.mul(term, tf.math.mul(precision, inverseD)), axis));
            }
        }
        Operand<Float> c = tf.math.mul(tf.constant(0.5f), sum(tf, cParts));
        return new DualSums(c, withSlope ? sum(tf, slopeParts) : null);
    }

    private static Operand<Float> sum(Ops tf, List<Operand<Float>> parts) {
        return parts.size() == 1 ? parts.get(0) : tf.math.addN(parts);
    }

    /** Passes the terms through unchanged as the body's outputs. */
    static void passThrough(Output<?>[] vars, int offset, Operand<?>[] next) {
        System.arraycopy(vars, offset, next, offset, vars.length - offset);
    }
}
