package org.arturo.training.graph;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;

/**
 * Curvature-vector products H·v on one batch by central differences of two gradients (docs/training.md,
 * eq. F1): TF 1.15 has no second-order gradients for ReLU or convolutions, so autodiff cannot give them.
 * <pre>
 *   H·v ≈ (∇f(θ + h·v) − ∇f(θ − h·v)) / (2h),    h = ∛ε₃₂ · (1 + ‖θ‖) / ‖v‖          (F1)
 * </pre>
 * with ε₃₂ = 2⁻²³, float32's machine epsilon. Central differences have truncation error O(h²) and
 * rounding error O(ε₃₂/h) relative to the gradient; h ∝ ∛ε balances the two (Nocedal and Wright,
 * §8.1), for a relative error of order ε₃₂^(2/3) ≈ 2.6·10⁻⁵ on smooth losses. The step is scaled by
 * ‖θ‖ so that the perturbation is a fixed fraction of the parameters. The parameters are restored to
 * their exact bits after the two evaluations, also when an evaluation fails.
 */
public final class FiniteDifferenceCurvature {
    /** ∛ε of float32. */
    static final double STEP_FACTOR = Math.cbrt(Math.ulp(1f));

    private final GradientEvaluator evaluator;
    private final List<Placeholder<Float>> values = new ArrayList<>();
    private final List<Operand<Float>> assigns = new ArrayList<>();

    public FiniteDifferenceCurvature(GradientEvaluator evaluator) {
        this.evaluator = evaluator;
        Ops tf = evaluator.model().tf();
        for (Variable<Float> v : evaluator.model().variables()) {
            Placeholder<Float> value = tf.placeholder(Float.class, Placeholder.shape(v.asOutput().shape()));
            values.add(value);
            assigns.add(tf.assign(v, value));
        }
    }

    /** H·v at the current parameters on {@code batch}; {@code direction} has one array per variable. */
    public List<float[]> product(Batch batch, List<float[]> direction) {
        List<float[]> theta = read();
        if (direction.size() != theta.size()) {
            throw new IllegalArgumentException("direction: expected one array per variable (" + theta.size() + "), got "
                    + direction.size());
        }
        double thetaNorm = 0;
        double directionNorm = 0;
        for (int i = 0; i < theta.size(); i++) {
            if (direction.get(i).length != theta.get(i).length) {
                throw new IllegalArgumentException("direction[" + i + "] has " + direction.get(i).length
                        + " elements, the variable " + theta.get(i).length);
            }
            for (int j = 0; j < theta.get(i).length; j++) {
                thetaNorm += (double) theta.get(i)[j] * theta.get(i)[j];
                directionNorm += (double) direction.get(i)[j] * direction.get(i)[j];
            }
        }
        List<float[]> zero = new ArrayList<>();
        if (directionNorm == 0) {
            theta.forEach(t -> zero.add(new float[t.length]));
            return zero;
        }
        double h = STEP_FACTOR * (1 + Math.sqrt(thetaNorm)) / Math.sqrt(directionNorm);
        List<float[]> plus;
        List<float[]> minus;
        try {
            write(shifted(theta, direction, h));
            plus = evaluator.evaluate(batch).gradients();
            write(shifted(theta, direction, -h));
            minus = evaluator.evaluate(batch).gradients();
        } finally {
            write(theta);
        }
        List<float[]> product = new ArrayList<>();
        for (int i = 0; i < plus.size(); i++) {
            float[] hv = new float[plus.get(i).length];
            for (int j = 0; j < hv.length; j++) {
                hv[j] = (float) (((double) plus.get(i)[j] - minus.get(i)[j]) / (2 * h));
            }
            product.add(hv);
        }
        return product;
    }

    private static List<float[]> shifted(List<float[]> theta, List<float[]> direction, double h) {
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < theta.size(); i++) {
            float[] t = new float[theta.get(i).length];
            for (int j = 0; j < t.length; j++) {
                t[j] = (float) (theta.get(i)[j] + h * direction.get(i)[j]);
            }
            out.add(t);
        }
        return out;
    }

    private List<float[]> read() {
        Session.Runner runner = evaluator.model().session().runner();
        evaluator.model().variables().forEach(runner::fetch);
        List<float[]> out = new ArrayList<>();
        for (Tensor<?> t : runner.run()) {
            try (t) {
                FloatBuffer buffer = FloatBuffer.allocate((int) t.numElements());
                t.expect(Float.class).writeTo(buffer);
                out.add(buffer.array());
            }
        }
        return out;
    }

    private void write(List<float[]> parameters) {
        Session.Runner runner = evaluator.model().session().runner();
        List<Tensor<?>> open = new ArrayList<>();
        try {
            for (int i = 0; i < parameters.size(); i++) {
                Tensor<Float> t = Tensor.create(HostGradientStep.shapeOf(evaluator.model().variables().get(i)),
                        FloatBuffer.wrap(parameters.get(i)));
                open.add(t);
                runner.feed(values.get(i), t).addTarget(assigns.get(i));
            }
            runner.run();
        } finally {
            open.forEach(Tensor::close);
        }
    }
}
