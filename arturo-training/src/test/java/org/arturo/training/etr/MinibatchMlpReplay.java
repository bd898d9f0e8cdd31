package org.arturo.training.etr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import org.arturo.training.graph.Batch;
import org.arturo.training.graph.ModelGraph;
import org.arturo.training.graph.ParameterAccess;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;

/**
 * The golden stochastic TR run on a tiny tanh MLP (golden-etr FORMAT.md): the network is built as a TF
 * graph from the file's layout and w0, and {@link EllipsoidalTrustRegion} runs on the file's batches,
 * with curvature products by central differences in float32 where the reference used exact ones. So,
 * as the format advises: the accept flags where ρ is not within 1e-3 of a threshold, and the parameters
 * after all iterations to 1e-2.
 */
final class MinibatchMlpReplay {
    private MinibatchMlpReplay() {
    }

    static void replay(String name, JsonNode root, TrustRegionConfig config) {
        JsonNode net = root.path("network");
        int din = net.path("din").asInt();
        int dh = net.path("dhidden").asInt();
        int dout = net.path("dout").asInt();
        double[] w0 = EtrGoldenReplayTest.vector(root.path("w0"));
        assertEquals(din * dh + dh + dh * dout + dout, w0.length, name + ": w0 for the layout");
        List<float[]> rows = new ArrayList<>();
        root.path("X").forEach(r -> {
            float[] x = new float[din];
            for (int j = 0; j < din; j++) {
                x[j] = (float) r.get(j).asDouble();
            }
            rows.add(x);
        });
        float[] xs = new float[rows.size() * din];
        float[] ys = new float[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, xs, i * din, din);
            ys[i] = (float) root.path("y").get(i).asDouble();
        }
        Batch data = new Batch(List.of(xs, ys), List.of(new long[] {din}, new long[0]));

        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            List<Variable<Float>> variables = new ArrayList<>();
            List<Operand<?>> inits = new ArrayList<>();
            int[] offset = {0};
            for (long[] shape : List.of(new long[] {din, dh}, new long[] {dh}, new long[] {dh, dout}, new long[] {dout})) {
                int n = (int) (shape.length == 1 ? shape[0] : shape[0] * shape[1]);
                float[] init = new float[n];
                for (int j = 0; j < n; j++) {
                    init[j] = (float) w0[offset[0] + j];
                }
                offset[0] += n;
                Shape s = shape.length == 1 ? Shape.make(shape[0]) : Shape.make(shape[0], shape[1]);
                Variable<Float> v = tf.variable(s, Float.class);
                inits.add(tf.assign(v, tf.constant(shape, FloatBuffer.wrap(init))));
                variables.add(v);
            }
            Placeholder<Float> x = tf.placeholder(Float.class, Placeholder.shape(Shape.make(-1, din)));
            Placeholder<Float> y = tf.placeholder(Float.class, Placeholder.shape(Shape.make(-1)));
            Operand<Float> hidden = tf.math.tanh(tf.math.add(tf.linalg.matMul(x, variables.get(0)), variables.get(1)));
            Operand<Float> logits = tf.math.add(tf.linalg.matMul(hidden, variables.get(2)), variables.get(3));
            Operand<Float> labels = tf.oneHot(tf.dtypes.cast(y, Integer.class), tf.constant(dout), tf.constant(1f), tf.constant(0f));
            Operand<Float> loss = tf.math.mean(tf.nn.softmaxCrossEntropyWithLogits(logits, labels).loss(), tf.constant(0));
            Session.Runner init = session.runner();
            inits.forEach(init::addTarget);
            init.run();
            ModelGraph model = new ModelGraph(tf, session, List.of(x, y), loss, variables);
            EllipsoidalTrustRegion tr = new EllipsoidalTrustRegion(model, config);

            int compared = 0;
            for (JsonNode it : root.path("iterations")) {
                int[] batch = new int[it.path("batch").size()];
                for (int k = 0; k < batch.length; k++) {
                    batch[k] = it.path("batch").get(k).asInt();
                }
                EllipsoidalTrustRegion.Iteration got = tr.step(data.rows(batch));
                if (it.path("decisionMargin").asDouble(1) >= 1e-3) {
                    assertEquals(it.path("accepted").asBoolean(), got.accepted(), name + " iteration " + it.path("t").asInt()
                            + ": accepted (ρ " + got.rho() + ", want " + it.path("rho").asDouble() + ")");
                    compared++;
                }
            }
            assertTrue(compared > 0, name + ": no decision compared");
            double[] want = EtrGoldenReplayTest.vector(root.path("summary").path("wFinal"));
            double[] have = ParameterAccess.flatten(new ParameterAccess(model).read());
            for (int i = 0; i < want.length; i++) {
                if (!(Math.abs(have[i] - want[i]) <= 1e-2 * (1 + Math.abs(want[i])))) {
                    fail(String.format("%s: parameter %d after %d iterations is %s, want %s", name, i, tr.iterations(), have[i], want[i]));
                }
            }
            assertEquals(root.path("summary").path("accepted").asLong(), tr.acceptedSteps(), name + ": accepted steps");
        }
    }
}
