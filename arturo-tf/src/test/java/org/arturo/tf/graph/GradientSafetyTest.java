package org.arturo.tf.graph;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.BiFunction;
import org.arturo.tf.arturo.ArturoConfig;
import org.arturo.tf.arturo.ArturoOptimizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;

/**
 * The ops whose gradient on a variable crashes (or breaks) TF 1.15 are refused with a message before
 * TF's gradient code runs; without the check these tests would kill the JVM.
 */
class GradientSafetyTest {
    private static IllegalArgumentException refused(BiFunction<Ops, Variable<Float>, Operand<Float>> lossOf) {
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            Variable<Float> w = tf.withName("w").variable(Shape.make(3), Float.class);
            Operand<Float> loss = tf.reduceSum(lossOf.apply(tf, w), tf.constant(0));
            return assertThrows(IllegalArgumentException.class,
                    () -> new ArturoOptimizer(ArturoConfig.defaults()).minimize(tf, loss, List.of(w)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Square", "Log1p", "Asin", "Atanh", "Atan", "Acos"})
    void aCrashingOpOnAVariableIsRefusedByName(String op) {
        IllegalArgumentException e = refused((tf, w) -> switch (op) {
            case "Square" -> tf.math.square(w);
            case "Log1p" -> tf.math.log1p(w);
            case "Asin" -> tf.math.asin(w);
            case "Atanh" -> tf.math.atanh(w);
            case "Atan" -> tf.math.atan(w);
            default -> tf.math.acos(w);
        });
        assertTrue(e.getMessage().contains("(" + op + ")"), e.getMessage());
        assertTrue(e.getMessage().contains("variable 'w'"), e.getMessage());
        assertTrue(e.getMessage().contains("tf.identity(w)"), e.getMessage());
    }

    @Test
    void theOpDeepInsideTheLossIsFound() {
        IllegalArgumentException e = refused((tf, w) ->
                tf.math.add(tf.math.mul(tf.constant(2f), tf.math.pow(w, tf.constant(2f))), tf.constant(1f)));
        assertTrue(e.getMessage().contains("(Pow)"), e.getMessage());
    }

    @Test
    void theSameOpOnAValueWorksAndTrains() {
        try (Graph g = new Graph(); org.tensorflow.Session session = new org.tensorflow.Session(g)) {
            Ops tf = Ops.create(g);
            Variable<Float> w = tf.withName("w").variable(Shape.make(3), Float.class);
            Operand<Float> loss = tf.reduceSum(tf.math.square(tf.math.sub(tf.identity(w), tf.constant(1f))), tf.constant(0));
            // An op on the variable that the loss does not use is not the loss's business.
            tf.math.square(w);
            var update = new org.arturo.tf.baselines.SgdOptimizer(org.arturo.tf.baselines.SgdConfig.builder()
                    .learningRate(0.1).build()).minimize(tf, loss, List.of(w));
            session.runner().addTarget(tf.assign(w, tf.zeros(tf.constant(new int[] {3}), Float.class)))
                    .addTarget(update.initializer()).run();
            for (int i = 0; i < 50; i++) {
                session.runner().addTarget(update.trainOp()).run();
            }
            try (var t = session.runner().fetch(loss).run().get(0)) {
                assertTrue(t.floatValue() < 0.01, "the loss falls from 3 to " + t.floatValue());
            }
        }
    }
}
