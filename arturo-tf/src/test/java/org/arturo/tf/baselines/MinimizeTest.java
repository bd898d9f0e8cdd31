package org.arturo.tf.baselines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.FloatBuffer;
import java.util.List;
import org.arturo.tf.GraphHarness;
import org.arturo.tf.GraphOptimizer;
import org.arturo.tf.OptimizerUpdate;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Shape;
import org.tensorflow.Tensor;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;

/** The raw-graph entry points: gradients from a loss, state in plain variables. */
class MinimizeTest {
    private static final double[] START = {1.0, -2.0, 0.5};
    private static final double[] TARGET = {0.25, 0.5, -1.0};

    /** Runs {@code steps} steps on L(θ) = ½‖θ − c‖², whose gradient is θ − c. */
    private static double[] run(GraphOptimizer optimizer, int steps) {
        try (Graph g = new Graph(); Session session = new Session(g)) {
            Ops tf = Ops.create(g);
            Variable<Float> theta = tf.withName("theta").variable(Shape.make(3), Float.class);
            Operand<Float> init = tf.assign(theta, tf.constant(new long[] {3},
                    FloatBuffer.wrap(GraphHarness.toFloat(START))));
            Operand<Float> diff = tf.math.sub(theta, tf.constant(GraphHarness.toFloat(TARGET)));
            Operand<Float> loss = tf.math.mul(tf.constant(0.5f), tf.reduceSum(tf.math.square(diff), tf.constant(0)));
            OptimizerUpdate update = optimizer.minimize(tf, loss, List.of(theta));
            session.runner().addTarget(init).addTarget(update.initializer()).run();
            for (int i = 0; i < steps; i++) {
                session.runner().addTarget(update.trainOp()).run();
            }
            try (Tensor<?> t = session.runner().fetch(theta).run().get(0)) {
                FloatBuffer b = FloatBuffer.allocate(3);
                t.expect(Float.class).writeTo(b);
                return new double[] {b.get(0), b.get(1), b.get(2)};
            }
        }
    }

    private static double[] reference(TextbookOptimizers.Reference r, int steps) {
        double[][] theta = GraphHarness.asFed(START);
        double[] c = GraphHarness.asFed(TARGET)[0];
        for (int i = 0; i < steps; i++) {
            double[][] grad = {{theta[0][0] - c[0], theta[0][1] - c[1], theta[0][2] - c[2]}};
            r.step(theta, grad);
        }
        return theta[0];
    }

    @Test
    void sgdFollowsTheLossGradient() {
        double[] actual = run(new SgdOptimizer(SgdConfig.builder().learningRate(0.1).momentum(0.9).weightDecay(0.01).build()), 4);
        double[] expected = reference(TextbookOptimizers.sgd(0.1, 0.9, 0.01, false, t -> 1), 4);
        for (int j = 0; j < 3; j++) {
            assertEquals(expected[j], actual[j], 1e-6);
        }
    }

    @Test
    void adamFollowsTheLossGradient() {
        double[] actual = run(new AdamOptimizer(AdamConfig.builder().learningRate(0.1).build()), 4);
        double[] expected = reference(TextbookOptimizers.adam(0.1, 0.9, 0.999, 1e-8, 0, false, t -> 1), 4);
        for (int j = 0; j < 3; j++) {
            assertEquals(expected[j], actual[j], 1e-6);
        }
    }

    @Test
    void adamWFollowsTheLossGradient() {
        double[] actual = run(new AdamOptimizer(AdamConfig.adamWBuilder().learningRate(0.1).weightDecay(0.1).build()), 4);
        double[] expected = reference(TextbookOptimizers.adam(0.1, 0.9, 0.999, 1e-8, 0.1, true, t -> 1), 4);
        for (int j = 0; j < 3; j++) {
            assertEquals(expected[j], actual[j], 1e-6);
        }
    }

    @Test
    void twoUpdatesInOneGraphGetTheirOwnState() {
        try (Graph g = new Graph(); Session session = new Session(g)) {
            Ops tf = Ops.create(g);
            Variable<Float> a = tf.withName("a").variable(Shape.make(2), Float.class);
            Variable<Float> b = tf.withName("b").variable(Shape.make(2), Float.class);
            AdamOptimizer adam = new AdamOptimizer(AdamConfig.defaults());
            OptimizerUpdate first = adam.applyGradients(tf, List.of(a), List.of(tf.constant(new float[] {1, 1})));
            OptimizerUpdate second = adam.applyGradients(tf, List.of(b), List.of(tf.constant(new float[] {1, 1})));
            session.runner().addTarget(tf.assign(a, tf.constant(new float[] {0, 0})))
                    .addTarget(tf.assign(b, tf.constant(new float[] {0, 0})))
                    .addTarget(first.initializer()).addTarget(second.initializer()).run();
            session.runner().addTarget(first.trainOp()).run();
            session.runner().addTarget(first.trainOp()).run();
            session.runner().addTarget(second.trainOp()).run();
            assertEquals(2, first.diagnostics().read(session).step());
            assertEquals(1, second.diagnostics().read(session).step());
            assertEquals("adam_train", first.trainOp().asOutput().op().name());
            assertEquals("adam_train_2", second.trainOp().asOutput().op().name());
        }
    }

    @Test
    void argumentsAreCheckedBeforeAnyGraphIsBuilt() {
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            Variable<Float> a = tf.withName("a").variable(Shape.make(2), Float.class);
            SgdOptimizer sgd = new SgdOptimizer(SgdConfig.defaults());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> sgd.applyGradients(tf, List.of(a), List.of()));
            assertEquals("gradients: expected one per parameter (1), got 0", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> sgd.applyGradients(tf, List.of(), List.of()));
            assertEquals(null, g.operation("sgd/sgd_step"));
        }
    }
}
