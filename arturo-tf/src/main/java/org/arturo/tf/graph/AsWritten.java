package org.arturo.tf.graph;

import org.tensorflow.Operand;
import org.tensorflow.Shape;
import org.tensorflow.op.Ops;

/**
 * A float32 constant that TF's graph optimizer cannot see as one, so that the arithmetic around it runs
 * as written. Its constant folding reassociates arithmetic with constants, which rounds otherwise: it
 * turned the solver's ½·(x/C) into (½/C)·x, and with the arithmetic optimizer off it also regrouped the
 * filter's sums with q and r. The native kernel performs the graph's operations as written, and with
 * these constants the two agree bit for bit under every rewrite setting tried (docs/native-kernel.md,
 * "Agreement"). A PlaceholderWithDefault could be fed, so it is never folded.
 */
public final class AsWritten {
    private AsWritten() {
    }

    public static Operand<Float> constant(Ops tf, float value) {
        return tf.placeholderWithDefault(tf.constant(value), Shape.scalar());
    }
}
