package org.arturo.training.graph;

import java.util.ArrayList;
import java.util.List;

/**
 * The per-element variance of the gradient from k micro-batches (docs/training.md, eq. V1–V2): split a
 * batch of m examples into k equal parts of b = m/k, with mean gradients ḡ_j and their mean ḡ (the whole
 * batch's gradient), then per element
 * <pre>
 *   Σ̂_ii = b · (1/(k − 1)) · Σ_j (ḡ_j − ḡ)²        the per-example variance           (V1)
 *   Var̂[g_i] = Σ̂_ii / m                           the variance of the batch's gradient (V2)
 * </pre>
 * Both are unbiased (Var[ḡ_j] = Σ/b, and the k micro-batch means are independent), with k − 1 degrees of
 * freedom per element instead of m − 1: enough for CABS, which needs only the trace Σ_i Σ̂_ii. It works
 * for any model, convolutions included, at the cost of k gradient evaluations of b examples each. The
 * sums run in double.
 */
public final class MicroBatchVariance {
    /** What one batch gave. */
    public record Statistics(double loss, List<float[]> meanGradient, List<double[]> perExampleVariance,
                             int batchSize, int microBatches) {
        /** V2: the variance of each element of the batch's mean gradient. */
        public List<double[]> minibatchVariance() {
            List<double[]> out = new ArrayList<>();
            for (double[] s : perExampleVariance) {
                double[] v = new double[s.length];
                for (int j = 0; j < s.length; j++) {
                    v[j] = s[j] / batchSize;
                }
                out.add(v);
            }
            return out;
        }

        /** tr Σ̂, the sum of V1 over every element of every variable (CABS's ξ). */
        public double trace() {
            double sum = 0;
            for (double[] s : perExampleVariance) {
                for (double v : s) {
                    sum += v;
                }
            }
            return sum;
        }
    }

    private final GradientEvaluator evaluator;
    private final int microBatches;

    /** @param microBatches k ≥ 2 */
    public MicroBatchVariance(GradientEvaluator evaluator, int microBatches) {
        if (microBatches < 2) {
            throw new IllegalArgumentException("microBatches must be at least 2 for a variance, was " + microBatches);
        }
        this.evaluator = evaluator;
        this.microBatches = microBatches;
    }

    public Statistics estimate(Batch batch) {
        int m = batch.size();
        int k = microBatches;
        if (m % k != 0) {
            throw new IllegalArgumentException("batch size " + m + " is not a multiple of " + k
                    + " micro-batches: equal parts keep the estimate unbiased");
        }
        int b = m / k;
        List<List<float[]>> parts = new ArrayList<>();
        double loss = 0;
        for (int j = 0; j < k; j++) {
            GradientEvaluator.Evaluation e = evaluator.evaluate(batch.slice(j * b, (j + 1) * b));
            parts.add(e.gradients());
            loss += e.loss() / k;
        }
        List<float[]> mean = new ArrayList<>();
        List<double[]> variance = new ArrayList<>();
        for (int v = 0; v < parts.get(0).size(); v++) {
            int n = parts.get(0).get(v).length;
            double[] sum = new double[n];
            for (List<float[]> part : parts) {
                float[] g = part.get(v);
                for (int i = 0; i < n; i++) {
                    sum[i] += g[i];
                }
            }
            float[] meanGradient = new float[n];
            double[] deviations = new double[n];
            for (List<float[]> part : parts) {
                float[] g = part.get(v);
                for (int i = 0; i < n; i++) {
                    double d = g[i] - sum[i] / k;
                    deviations[i] += d * d;
                }
            }
            for (int i = 0; i < n; i++) {
                meanGradient[i] = (float) (sum[i] / k);
                deviations[i] *= (double) b / (k - 1);
            }
            mean.add(meanGradient);
            variance.add(deviations);
        }
        return new Statistics(loss, mean, variance, m, k);
    }
}
