package org.arturo.training.graph;

import java.util.ArrayList;
import java.util.List;

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
    private final ParameterAccess parameters;

    public FiniteDifferenceCurvature(GradientEvaluator evaluator) {
        this.evaluator = evaluator;
        this.parameters = new ParameterAccess(evaluator.model());
    }

    /** H·v at the current parameters on {@code batch}; {@code direction} has one array per variable. */
    public List<float[]> product(Batch batch, List<float[]> direction) {
        return product(batch, direction, parameters.read());
    }

    /**
     * H·v on {@code batch} at {@code theta}, which must be the parameters' current values (a loop that
     * already holds them, like a CG solve with many products at one point, saves a read per product).
     */
    public List<float[]> product(Batch batch, List<float[]> direction, List<float[]> theta) {
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
            parameters.write(shifted(theta, direction, h));
            plus = evaluator.evaluate(batch).gradients();
            parameters.write(shifted(theta, direction, -h));
            minus = evaluator.evaluate(batch).gradients();
        } finally {
            parameters.write(theta);
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
}
