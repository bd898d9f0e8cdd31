package org.arturo.tf.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.arturo.tf.OptimizerUpdate;
import org.arturo.tf.arturo.ArturoConfig;
import org.arturo.tf.arturo.ArturoOptimizer;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;

class GraphInputsTest {

    @Test
    void twoUpdatesInOneGraphKeepTheirStateApart() {
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            Variable<Float> a = tf.withName("a").variable(Shape.make(2), Float.class);
            Variable<Float> b = tf.withName("b").variable(Shape.make(2), Float.class);
            Operand<Float> grad = tf.constant(new float[] {1f, -1f});
            ArturoOptimizer optimizer = new ArturoOptimizer(ArturoConfig.defaults());
            OptimizerUpdate first = optimizer.applyGradients(tf, List.of(a), List.of(grad));
            OptimizerUpdate second = optimizer.applyGradients(tf, List.of(b), List.of(grad));
            assertNotNull(graph.operation("arturo/arturo_step"));
            assertNotNull(graph.operation("arturo/a/prec"));
            assertNotNull(graph.operation("arturo_2/arturo_step"));
            assertNotNull(graph.operation("arturo_2/b/prec"));

            session.runner().addTarget(tf.assign(a, tf.constant(new float[] {0f, 0f})))
                    .addTarget(tf.assign(b, tf.constant(new float[] {0f, 0f})))
                    .addTarget(first.initializer()).addTarget(second.initializer()).run();
            for (int i = 0; i < 3; i++) {
                session.runner().addTarget(first.trainOp()).run();
            }
            session.runner().addTarget(second.trainOp()).run();
            assertEquals(3, first.diagnostics().read(session).step());
            assertEquals(1, second.diagnostics().read(session).step());
        }
    }

    @Test
    void namesTheBadArgument() {
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            Variable<Float> a = tf.variable(Shape.make(2), Float.class);
            assertTrue(assertThrows(IllegalArgumentException.class,
                    () -> GraphInputs.check(tf, List.of(), List.of())).getMessage().startsWith("parameters:"));
            assertTrue(assertThrows(IllegalArgumentException.class,
                    () -> GraphInputs.check(tf, List.of(a), List.of())).getMessage().startsWith("gradients:"));
            List<Operand<Float>> missing = new ArrayList<>();
            missing.add(null);
            assertTrue(assertThrows(IllegalArgumentException.class,
                    () -> GraphInputs.check(tf, List.of(a), missing)).getMessage().startsWith("gradients[0] is null"));
        }
    }
}
