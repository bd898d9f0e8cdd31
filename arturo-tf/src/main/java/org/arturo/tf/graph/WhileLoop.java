package org.arturo.tf.graph;

import java.util.concurrent.atomic.AtomicLong;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;

/**
 * {@link Graph#whileLoop} with {@link Ops} in the condition and body. Both are separate subgraphs:
 * they see only the loop variables, so everything they need (including the per-element terms)
 * travels as a loop variable, and constants are created inside.
 */
public final class WhileLoop {
    private static final AtomicLong COUNTER = new AtomicLong();

    public interface Condition {
        Operand<Boolean> build(Ops tf, Output<?>[] vars);
    }

    public interface Body {
        /** Returns the next value of every loop variable, in the same order. */
        Operand<?>[] build(Ops tf, Output<?>[] vars);
    }

    private WhileLoop() {
    }

    public static Output<?>[] run(Ops tf, String name, Output<?>[] inputs, Condition condition, Body body) {
        Graph graph = (Graph) tf.scope().env();
        String uniqueName = name + "_" + COUNTER.incrementAndGet();
        return graph.whileLoop(inputs,
                (g, in, out) -> out[0] = condition.build(Ops.create(g), in).asOutput(),
                (g, in, out) -> {
                    Operand<?>[] next = body.build(Ops.create(g), in);
                    for (int i = 0; i < next.length; i++) {
                        out[i] = next[i].asOutput();
                    }
                },
                uniqueName);
    }

    @SuppressWarnings("unchecked")
    public static Output<Float> f(Output<?> output) {
        return (Output<Float>) output;
    }
}
