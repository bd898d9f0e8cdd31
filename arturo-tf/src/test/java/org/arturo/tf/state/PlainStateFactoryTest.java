package org.arturo.tf.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Operation;
import org.tensorflow.Session;
import org.tensorflow.Shape;
import org.tensorflow.Tensor;
import org.tensorflow.framework.ConfigProto;
import org.tensorflow.framework.GraphOptions;
import org.tensorflow.framework.RewriterConfig;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;

class PlainStateFactoryTest {

    /**
     * A session without TF's graph optimizer runs the slot initializers in the same call as the
     * parameter's own: nothing in them may read the parameter, which may not be initialized yet.
     */
    @Test
    void slotsInitializeBesideTheirParameterWithoutTheGraphOptimizer() {
        byte[] noOptimizer = ConfigProto.newBuilder()
                .setGraphOptions(GraphOptions.newBuilder()
                        .setRewriteOptions(RewriterConfig.newBuilder().setDisableMetaOptimizer(true)))
                .build().toByteArray();
        try (Graph graph = new Graph(); Session session = new Session(graph, noOptimizer)) {
            Ops tf = Ops.create(graph);
            Variable<Float> parameter = tf.withName("w").variable(Shape.make(2, 3), Float.class);
            PlainStateFactory state = new PlainStateFactory("opt");
            Variable<Float> slot = state.createSlot(tf, parameter, "prec", 2f);
            Variable<Float> scalar = tf.withName("b").variable(Shape.scalar(), Float.class);
            Variable<Float> scalarSlot = state.createSlot(tf, scalar, "prec", 3f);
            Operand<Float> parameterInit = tf.assign(parameter, tf.zeros(tf.constant(new int[] {2, 3}), Float.class));
            Operand<Float> scalarInit = tf.assign(scalar, tf.constant(0f));
            Operation slotInit = state.initializer(tf).op();
            for (int run = 0; run < 20; run++) {
                session.runner().addTarget(parameterInit).addTarget(scalarInit).addTarget(slotInit).run();
                try (Tensor<Float> value = session.runner().fetch(scalarSlot).run().get(0).expect(Float.class)) {
                    assertEquals(3f, value.floatValue());
                }
                try (Tensor<Float> value = session.runner().fetch(slot).run().get(0).expect(Float.class)) {
                    assertArrayEquals(new float[][] {{2f, 2f, 2f}, {2f, 2f, 2f}}, value.copyTo(new float[2][3]));
                }
            }
        }
    }
}
