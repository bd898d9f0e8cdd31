package org.arturo.training.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Variable;

/**
 * The per-example gradient variance within one batch, in one pass, for models made of dense layers
 * (docs/training.md, eq. V3): with the mean loss L = (1/m)·Σ_i ℓ_i and z = x·W + b, the gradient of L
 * with respect to z holds δ_i/m in row i, where δ_i = ∂ℓ_i/∂z_i, and example i's gradients are
 * x_iᵀδ_i (kernel) and δ_i (bias). So the sums of their squares over the batch are
 * <pre>
 *   Σ_i g_i² = (x²)ᵀ·(δ²)  (kernel),   Σ_i δ_i²  (bias),    s = (Σ_i g_i² − m·ḡ²)/(m − 1)      (V3)
 * </pre>
 * one matrix product per layer beside the backward pass, and m − 1 degrees of freedom per element
 * instead of the k − 1 of micro-batches. Exact (it equals micro-batches of one example each); it holds
 * only where every example's gradient is such an outer product, so every trainable variable must be
 * a kernel or a bias of a declared layer (convolutions need micro-batches). The final difference runs
 * in double.
 */
public final class WithinBatchVariance implements BatchStatistics {
    private final GradientEvaluator evaluator;
    private final List<Operand<Float>> fetches = new ArrayList<>();
    private final int variables;

    public WithinBatchVariance(GradientEvaluator evaluator, List<DenseLayer> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("layers: expected at least one dense layer");
        }
        this.evaluator = evaluator;
        ModelGraph model = evaluator.model();
        Ops tf = model.tf();
        variables = model.variables().size();
        List<Operand<?>> preActivations = new ArrayList<>();
        layers.forEach(l -> preActivations.add(l.preActivation()));
        Gradients deltas = tf.gradients(model.loss(), preActivations);
        // m, the batch size, as a float: the first dimension of the first layer's input.
        Operand<Float> m = tf.dtypes.cast(tf.gather(tf.shape(layers.get(0).input()), tf.constant(0), tf.constant(0)),
                Float.class);
        Map<String, Operand<Float>> squareSums = new HashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            DenseLayer layer = layers.get(i);
            // Row i of dL/dz is δ_i/m: scale back to the per-example δ_i.
            Operand<Float> delta = tf.math.mul(deltas.<Float>dy(i), m);
            Operand<Float> deltaSquared = tf.math.square(delta);
            squareSums.put(layer.kernel().op().name(), tf.linalg.matMul(tf.math.square(layer.input()), deltaSquared,
                    org.tensorflow.op.linalg.MatMul.transposeA(true)));
            if (layer.bias() != null) {
                squareSums.put(layer.bias().op().name(), tf.reduceSum(deltaSquared, tf.constant(0)));
            }
        }
        fetches.addAll(evaluator.gradients());
        for (Variable<Float> v : model.variables()) {
            Operand<Float> sum = squareSums.get(v.op().name());
            if (sum == null) {
                throw new IllegalArgumentException("layers: variable " + v.op().name()
                        + " is no kernel or bias of a declared dense layer; the within-batch variance needs every one"
                        + " (use MicroBatchVariance for other layers)");
            }
            fetches.add(sum);
        }
    }

    @Override
    public MicroBatchVariance.Statistics estimate(Batch batch) {
        int m = batch.size();
        if (m < 2) {
            throw new IllegalArgumentException("batch size " + m + ": a variance needs at least 2 examples");
        }
        GradientEvaluator.Evaluation e = evaluator.run(batch, fetches);
        List<float[]> mean = e.gradients().subList(0, variables);
        List<double[]> variance = new ArrayList<>();
        for (int v = 0; v < variables; v++) {
            float[] g = mean.get(v);
            float[] squares = e.gradients().get(variables + v);
            double[] s = new double[g.length];
            for (int j = 0; j < g.length; j++) {
                s[j] = Math.max(0, (squares[j] - (double) m * g[j] * g[j]) / (m - 1));
            }
            variance.add(s);
        }
        return new MicroBatchVariance.Statistics(e.loss(), List.copyOf(mean), variance, m, m);
    }
}
