package org.arturo.tf;

import java.util.List;
import java.util.Random;

/**
 * Softmax regression on a fixed Gaussian mixture: {@code classes} centres drawn from N(0, I) in
 * {@code features} dimensions, {@code examples} points around them with noise N(0, 1.5²). Its
 * parameters are the weights W [classes, features] and the biases b [classes]; {@link #gradient}
 * is the mean cross-entropy gradient over a minibatch, in double, drawn the same way for any θ at a
 * given step, so two optimizers can each be fed the gradient at their own parameters.
 */
public final class SoftmaxRegression {
    private final int classes;
    private final int features;
    private final double[][] x;
    private final int[] y;
    private final long seed;

    public SoftmaxRegression(int classes, int features, int examples, long seed) {
        this.classes = classes;
        this.features = features;
        this.seed = seed;
        Random random = new Random(seed);
        double[][] centres = new double[classes][features];
        for (double[] c : centres) {
            for (int j = 0; j < features; j++) {
                c[j] = random.nextGaussian();
            }
        }
        x = new double[examples][features];
        y = new int[examples];
        for (int e = 0; e < examples; e++) {
            y[e] = random.nextInt(classes);
            for (int j = 0; j < features; j++) {
                x[e][j] = centres[y[e]][j] + 1.5 * random.nextGaussian();
            }
        }
    }

    /** The shapes of W and b. */
    public List<long[]> shapes() {
        return List.of(new long[] {classes, features}, new long[] {classes});
    }

    /** The gradient of the mean cross-entropy over minibatch {@code step} of {@code batch} examples, at θ = (W, b). */
    public List<double[]> gradient(List<double[]> theta, int step, int batch) {
        double[] w = theta.get(0);
        double[] b = theta.get(1);
        double[] gw = new double[classes * features];
        double[] gb = new double[classes];
        Random rows = new Random(seed * 1_000_003L + step);
        for (int n = 0; n < batch; n++) {
            int r = rows.nextInt(x.length);
            double[] p = new double[classes];
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < classes; k++) {
                double z = b[k];
                for (int j = 0; j < features; j++) {
                    z += w[k * features + j] * x[r][j];
                }
                p[k] = z;
                max = Math.max(max, z);
            }
            double total = 0;
            for (int k = 0; k < classes; k++) {
                p[k] = Math.exp(p[k] - max);
                total += p[k];
            }
            for (int k = 0; k < classes; k++) {
                // ∂/∂z_k of −log softmax(z)_y = p_k − [k = y]
                double d = (p[k] / total - (k == y[r] ? 1 : 0)) / batch;
                gb[k] += d;
                for (int j = 0; j < features; j++) {
                    gw[k * features + j] += d * x[r][j];
                }
            }
        }
        return List.of(gw, gb);
    }
}
