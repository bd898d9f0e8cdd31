package org.arturo.tf.arturo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.arturo.tf.DiagnosticValues;
import org.arturo.tf.OptimizerUpdate;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Shape;
import org.tensorflow.Tensor;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;

/**
 * End to end on a raw TF session: logistic regression on synthetic, linearly separable-ish data,
 * trained with ArturoOptimizer.minimize (gradients computed by TF). The loss must fall by 4×.
 */
class LogisticRegressionTest {
    private static final int SAMPLES = 512;
    private static final int FEATURES = 8;

    @Test
    void lossFallsByAFactorOfFour() {
        Random random = new Random(5);
        float[][] x = new float[SAMPLES][FEATURES];
        float[][] y = new float[SAMPLES][1];
        double[] truth = new double[FEATURES];
        for (int j = 0; j < FEATURES; j++) {
            truth[j] = random.nextGaussian() * 2;
        }
        for (int i = 0; i < SAMPLES; i++) {
            double logit = 0.5;
            for (int j = 0; j < FEATURES; j++) {
                x[i][j] = (float) random.nextGaussian();
                logit += truth[j] * x[i][j];
            }
            y[i][0] = random.nextDouble() < 1 / (1 + Math.exp(-3 * logit)) ? 1f : 0f;
        }

        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            Operand<Float> features = tf.constant(x);
            Operand<Float> labels = tf.constant(y);
            Variable<Float> w = tf.variable(Shape.make(FEATURES, 1), Float.class);
            Variable<Float> b = tf.variable(Shape.make(1), Float.class);
            Operand<Float> logits = tf.math.add(tf.linalg.matMul(features, w), b);
            // Binary cross-entropy from logits: softplus(z) − y·z.
            Operand<Float> loss = tf.math.mean(
                    tf.math.sub(tf.math.softplus(logits), tf.math.mul(labels, logits)), tf.constant(new int[] {0, 1}));

            OptimizerUpdate update = new ArturoOptimizer(ArturoConfig.builder().epsilon(0.05).build())
                    .minimize(tf, loss, List.of(w, b));
            session.runner()
                    .addTarget(tf.assign(w, tf.zeros(tf.constant(new long[] {FEATURES, 1}), Float.class)))
                    .addTarget(tf.assign(b, tf.zeros(tf.constant(new long[] {1}), Float.class)))
                    .addTarget(update.initializer())
                    .run();

            float initial = value(session, loss);
            for (int t = 0; t < 150; t++) {
                session.runner().addTarget(update.trainOp()).run();
            }
            float trained = value(session, loss);
            assertEquals((float) Math.log(2), initial, 1e-5, "zero weights start at ln 2");
            assertTrue(trained < initial / 4, "loss " + initial + " → " + trained + " must fall by 4×");
            DiagnosticValues d = update.diagnostics().read(session);
            assertEquals(150, d.step());
            assertEquals(0, d.skippedSteps());
        }
    }

    private static float value(Session session, Operand<Float> loss) {
        try (Tensor<?> t = session.runner().fetch(loss).run().get(0)) {
            return t.floatValue();
        }
    }
}
