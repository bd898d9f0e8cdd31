package org.arturo.training.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.junit.jupiter.api.Test;

class FiniteDifferenceCurvatureTest {
    private static float[] random(int n, double scale, Random r) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (scale * r.nextGaussian());
        }
        return v;
    }

    private static double relativeError(float[] want, float[] got) {
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < want.length; i++) {
            diff += Math.pow(got[i] - (double) want[i], 2);
            norm += Math.pow(want[i], 2);
        }
        return Math.sqrt(diff / norm);
    }

    @Test
    void onAQuadraticTheProductIsTheHessianTimesTheDirection() {
        // f = ½ θᵀAθ + mean_i x_iᵀθ: H = A, whatever the batch.
        Random r = new Random(4);
        int n = 5;
        double[][] a = new double[n][n];
        float[] flat = new float[n * n];
        float[] base = random(n * n, 1, r);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += base[i * n + k] * base[j * n + k];   // BBᵀ: symmetric
                }
                a[i][j] = s + (i == j ? 1 : 0);
                flat[i * n + j] = (float) a[i][j];
            }
        }
        try (Models m = new Models()) {
            Variable<Float> theta = m.variable("theta", new long[] {n, 1}, random(n, 1, r));
            Placeholder<Float> x = m.input("x", n, 1);
            Ops tf = m.tf;
            Operand<Float> aTheta = tf.linalg.matMul(tf.constant(new long[] {n, n}, FloatBuffer.wrap(flat)), theta);
            Operand<Float> quadratic = tf.math.mul(tf.constant(0.5f), tf.reduceSum(tf.math.mul(theta, aTheta), tf.constant(new int[] {0, 1})));
            Operand<Float> linear = tf.reduceSum(tf.math.mul(tf.math.mean(x, tf.constant(0)), theta), tf.constant(new int[] {0, 1}));
            ModelGraph model = m.model(List.of(x), tf.math.add(quadratic, linear));
            FiniteDifferenceCurvature curvature = new FiniteDifferenceCurvature(new GradientEvaluator(model));
            float[] before = read(m.session, theta);
            float[] v = random(n, 1, r);
            float[] hv = curvature.product(new Batch(List.of(random(8 * n, 1, r)), List.of(new long[] {n, 1})), List.of(v)).get(0);
            float[] want = new float[n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    want[i] += (float) (a[i][j] * v[j]);
                }
            }
            assertTrue(relativeError(want, hv) < 1e-3, "relative error " + relativeError(want, hv));
            assertArrayEquals(before, read(m.session, theta), "the parameters are restored bit for bit");
        }
    }

    @Test
    void onATanhNetworkItMatchesTheExactProductFromSecondOrderAutodiff() {
        // f = mean_i ½ (tanh(x_i W1) W2 − y_i)². TF 1.15 has no gradient for TanhGrad, so tanh is written as
        // 1 − 2/(e^(2z) + 1), and the batch mean as a matrix product (the gradient of a reduction is a Tile,
        // which it cannot differentiate either): then H·v is available exactly.
        Random r = new Random(5);
        int in = 4;
        int hidden = 6;
        int batch = 16;
        try (Models m = new Models()) {
            Variable<Float> w1 = m.variable("w1", new long[] {in, hidden}, random(in * hidden, 0.5, r));
            Variable<Float> w2 = m.variable("w2", new long[] {hidden, 1}, random(hidden, 0.5, r));
            Placeholder<Float> x = m.input("x", in);
            Placeholder<Float> y = m.input("y", 1);
            Ops tf = m.tf;
            Operand<Float> z = tf.linalg.matMul(x, w1);
            Operand<Float> tanh = tf.math.sub(tf.constant(1f), tf.math.div(tf.constant(2f),
                    tf.math.add(tf.math.exp(tf.math.mul(tf.constant(2f), z)), tf.constant(1f))));
            Operand<Float> out = tf.linalg.matMul(tanh, w2);
            Operand<Float> error = tf.math.sub(out, y);
            Operand<Float> sumOfSquares = tf.linalg.matMul(error, error, org.tensorflow.op.linalg.MatMul.transposeA(true));
            ModelGraph model = m.model(List.of(x, y),
                    tf.squeeze(tf.math.mul(tf.constant(0.5f / batch), sumOfSquares)));
            GradientEvaluator evaluator = new GradientEvaluator(model);

            // Exact H·v: the gradient of (∇f · v).
            Placeholder<Float> v1 = tf.placeholder(Float.class, Placeholder.shape(w1.asOutput().shape()));
            Placeholder<Float> v2 = tf.placeholder(Float.class, Placeholder.shape(w2.asOutput().shape()));
            // An explicit dy = 1: TF's default OnesLike(loss) has no gradient either.
            Gradients g = tf.gradients(model.loss(), List.of(w1, w2), Gradients.dx(List.of(tf.constant(1f))));
            Operand<Float> dot = tf.math.add(tf.reduceSum(tf.math.mul(g.dy(0), v1), tf.constant(new int[] {0, 1})),
                    tf.reduceSum(tf.math.mul(g.dy(1), v2), tf.constant(new int[] {0, 1})));
            Gradients hv = tf.gradients(dot, List.of(w1, w2));

            float[] xs = random(batch * in, 1, r);
            float[] ys = random(batch, 1, r);
            float[] d1 = random(in * hidden, 1, r);
            float[] d2 = random(hidden, 1, r);
            List<float[]> exact = new ArrayList<>();
            try (Tensor<Float> tx = Tensor.create(new long[] {batch, in}, FloatBuffer.wrap(xs));
                 Tensor<Float> ty = Tensor.create(new long[] {batch, 1}, FloatBuffer.wrap(ys));
                 Tensor<Float> t1 = Tensor.create(new long[] {in, hidden}, FloatBuffer.wrap(d1));
                 Tensor<Float> t2 = Tensor.create(new long[] {hidden, 1}, FloatBuffer.wrap(d2))) {
                List<Tensor<?>> outs = m.session.runner().feed(x, tx).feed(y, ty).feed(v1, t1).feed(v2, t2)
                        .fetch(hv.dy(0)).fetch(hv.dy(1)).run();
                for (Tensor<?> t : outs) {
                    try (t) {
                        FloatBuffer b = FloatBuffer.allocate((int) t.numElements());
                        t.expect(Float.class).writeTo(b);
                        exact.add(b.array());
                    }
                }
            }
            List<float[]> approx = new FiniteDifferenceCurvature(evaluator).product(
                    new Batch(List.of(xs, ys), List.of(new long[] {in}, new long[] {1})), List.of(d1, d2));
            float[] want = concat(exact);
            float[] got = concat(approx);
            assertTrue(relativeError(want, got) < 1e-3, "relative error " + relativeError(want, got));
        }
    }

    private static float[] concat(List<float[]> parts) {
        int n = parts.stream().mapToInt(p -> p.length).sum();
        float[] out = new float[n];
        int k = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, k, p.length);
            k += p.length;
        }
        return out;
    }

    private static float[] read(Session session, Variable<Float> v) {
        try (Tensor<?> t = session.runner().fetch(v).run().get(0)) {
            FloatBuffer b = FloatBuffer.allocate((int) t.numElements());
            t.expect(Float.class).writeTo(b);
            return b.array();
        }
    }
}
