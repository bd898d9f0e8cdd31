package org.arturo.tf.graph;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.framework.GraphDef;
import org.tensorflow.framework.NodeDef;

/**
 * Refuses, before TensorFlow's gradient code runs, a loss whose gradient TF 1.15 cannot build: a few
 * element-wise ops applied directly to a variable. Their C++ gradients create a constant of the input's
 * type, which for a variable is a reference type; measured with TF Java 1.15.0 (docs/reliability.md):
 * {@code Square}, {@code Log1p}, {@code Asin} and {@code Atanh} then crash the JVM (SIGSEGV), and
 * {@code Pow}, {@code Atan} and {@code Acos} fail with "AttrValue must not have reference type".
 * The same ops on {@code tf.identity(w)} (a value, not a reference) work.
 */
final class GradientSafety {
    private static final Set<String> CRASHES = Set.of("Square", "Log1p", "Asin", "Atanh");
    private static final Set<String> FAILS = Set.of("Pow", "Atan", "Acos");
    private static final Set<String> VARIABLES = Set.of("VariableV2", "Variable", "TemporaryVariable");

    private GradientSafety() {
    }

    /** Throws IllegalArgumentException naming the op and the variable when {@code loss} depends on such a pattern. */
    static void check(Graph graph, Operand<Float> loss) {
        Map<String, NodeDef> nodes = new HashMap<>();
        try {
            for (NodeDef node : GraphDef.parseFrom(graph.toGraphDef()).getNodeList()) {
                nodes.put(node.getName(), node);
            }
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalStateException("could not read the graph to check the loss", e);
        }
        Deque<String> pending = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        pending.add(loss.asOutput().op().name());
        while (!pending.isEmpty()) {
            NodeDef node = nodes.get(pending.poll());
            if (node == null || !seen.add(node.getName())) {
                continue;
            }
            for (String input : node.getInputList()) {
                String source = nodeName(input);
                NodeDef from = nodes.get(source);
                boolean direct = !input.startsWith("^") && from != null && VARIABLES.contains(from.getOp());
                if (direct && (CRASHES.contains(node.getOp()) || FAILS.contains(node.getOp()))) {
                    throw new IllegalArgumentException("loss: op '" + node.getName() + "' (" + node.getOp()
                            + ") is applied directly to the variable '" + source + "', and TensorFlow 1.15 "
                            + (CRASHES.contains(node.getOp()) ? "crashes the JVM" : "fails")
                            + " building its gradient. Apply it to tf.identity(" + source + ") instead"
                            + (node.getOp().equals("Square") ? ", or write tf.math.mul(w, w)" : "") + ".");
                }
                pending.add(source);
            }
        }
    }

    /** "scope/op:1" and "^scope/op" name the op "scope/op". */
    private static String nodeName(String input) {
        String name = input.startsWith("^") ? input.substring(1) : input;
        int colon = name.lastIndexOf(':');
        return colon < 0 ? name : name.substring(0, colon);
    }
}
