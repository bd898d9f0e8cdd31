package org.arturo.training.graph;

import java.util.ArrayList;
import java.util.List;

/**
 * The per-element variance of the gradient from k micro-batches (docs/training.md, eq. V1–V2): split a
 * batch of m examples into k parts of sizes b_j (as equal as m allows), with mean gradients ḡ_j and the
 * whole batch's gradient ḡ = Σ_j b_j·ḡ_j/m, then per element
 * <pre>
 *   Σ̂_ii = (1/(k − 1)) · Σ_j b_j·(ḡ_j − ḡ)²       the per-example variance           (V1)
 *   Var̂[g_i] = Σ̂_ii / m                           the variance of the batch's gradient (V2)
 * </pre>
 * Both are unbiased: Var[ḡ_j − ḡ] = Σ/b_j − Σ/m, so E[Σ_j b_j·(ḡ_j − ḡ)²] = (k − 1)·Σ, for equal or
 * unequal parts. They have k − 1 degrees of freedom per element instead of m − 1: enough for CABS, which
 * needs only the trace Σ_i Σ̂_ii. It works for any model, convolutions included, at the cost of k
 * gradient evaluations of about m/k examples each. The sums run in double.
 */
public final class MicroBatchVariance implements BatchStatistics {
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

    @Override
    public Statistics estimate(Batch batch) {
        int m = batch.size();
        int k = microBatches;
        if (m < k) {
            throw new IllegalArgumentException("batch size " + m + " is below the " + k + " micro-batches it is split into");
        }
        List<List<float[]>> parts = new ArrayList<>();
        int[] sizes = new int[k];
        double loss = 0;
        for (int j = 0; j < k; j++) {
            int from = (int) ((long) j * m / k);
            int to = (int) ((long) (j + 1) * m / k);
            sizes[j] = to - from;
            GradientEvaluator.Evaluation e = evaluator.evaluate(batch.slice(from, to));
            parts.add(e.gradients());
            loss += e.loss() * sizes[j] / m;
        }
        List<float[]> mean = new ArrayList<>();
        List<double[]> variance = new ArrayList<>();
        for (int v = 0; v < parts.get(0).size(); v++) {
            int n = parts.get(0).get(v).length;
            double[] weighted = new double[n];
            for (int j = 0; j < k; j++) {
                float[] g = parts.get(j).get(v);
                for (int i = 0; i < n; i++) {
                    weighted[i] += (double) sizes[j] * g[i] / m;
                }
            }
            double[] deviations = new double[n];
            for (int j = 0; j < k; j++) {
                float[] g = parts.get(j).get(v);
                for (int i = 0; i < n; i++) {
                    double d = g[i] - weighted[i];
                    deviations[i] += sizes[j] * d * d;
                }
            }
            float[] meanGradient = new float[n];
            for (int i = 0; i < n; i++) {
                meanGradient[i] = (float) weighted[i];
                deviations[i] /= k - 1;
            }
            mean.add(meanGradient);
            variance.add(deviations);
        }
        return new Statistics(loss, mean, variance, m, k);
    }
}
