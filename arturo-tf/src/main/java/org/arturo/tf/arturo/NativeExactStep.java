package org.arturo.tf.arturo;

import java.util.ArrayList;
import java.util.List;
import org.arturo.tf.kernel.HelperPlacement;
import org.arturo.tf.kernel.NativeKernel;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Operation;
import org.tensorflow.OperationBuilder;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;

/**
 * The native kernel's op for one arTuRO step (docs/native-kernel.md): the exact solver, the Kalman
 * surrogate with a fixed r, weight decay, every element-wise write in place. Its configuration
 * vector holds the graph's own float32 constants, so both kernels compute with the same numbers.
 */
final class NativeExactStep {
    private NativeExactStep() {
    }

    /** The per-tensor state in the op's order. */
    record TensorSlots(Variable<Float> precision, Variable<Float> lin, Variable<Float> quad,
                       Variable<Float> p00, Variable<Float> p01, Variable<Float> p11) {
        List<Variable<Float>> all() {
            return List.of(precision, lin, quad, p00, p01, p11);
        }
    }

    /** What the native kernel runs: the exact solver with the fixed-noise Kalman surrogate. */
    static final String SUPPORTED = "solver = EXACT with surrogate = KALMAN and measurementNoise = FIXED";

    /** Whether this configuration runs on the native kernel at all. */
    static boolean supports(Solver solver, Surrogate surrogate) {
        return solver instanceof Solver.Exact && surrogate instanceof Surrogate.Kalman k
                && k.measurementNoise() == Surrogate.MeasurementNoise.FIXED;
    }

    static boolean supports(ArturoConfig c) {
        return supports(c.solver(), c.surrogate());
    }

    /** The floats the op reports: applied (0/1), η*, C(η*), solver passes, max|g|, outlier (0/1). */
    static final int RESULT_SIZE = 6;

    /**
     * The op over {@code parameters}: writes them and their state in place when max|g| + 1e-30 is
     * not above {@code outlierBound} (or max|g| is not finite) and C(η*) and η* are finite, and puts its
     * {@link #RESULT_SIZE} floats into {@code result} (a float ref: a temporary variable, or a variable).
     */
    static Operation build(Ops tf, ArturoConfig c, List<Variable<Float>> parameters, List<? extends Operand<Float>> gradients,
                           List<TensorSlots> slots, Operand<Float> epsilon, Operand<Boolean> firstStep,
                           Operand<Float> lastEta, Operand<Float> outlierBound, Operand<Float> result) {
        if (!supports(c)) {
            throw new IllegalArgumentException("config: the native kernel runs " + SUPPORTED + " only, got "
                    + c.solver() + " / " + c.surrogate());
        }
        Surrogate.Kalman k = (Surrogate.Kalman) c.surrogate();
        Solver.Exact s = (Solver.Exact) c.solver();
        double rhoLambda = c.rho() * c.lambda();
        double denominator = c.rho() + c.nu();
        int n = parameters.size();
        // The hyperparameters as one constant, the per-step values stacked after them: fewer nodes to run.
        Operand<Float> fixed = tf.constant(new float[] {n, (float) c.weightDecay(), (float) c.nu(), (float) rhoLambda,
                (float) (1 / denominator), (float) (rhoLambda / denominator), (float) k.q(), (float) k.r(),
                (float) s.tolerance(), (float) s.maxIterations(),
                c.helperPlacement() == HelperPlacement.OFF_CALLERS_CPU ? 1f : 0f});
        Operand<Float> perStep = tf.stack(List.of(epsilon, tf.dtypes.cast(firstStep, Float.class), lastEta, outlierBound));
        Operand<Float> config = tf.concat(List.of(fixed, perStep), tf.constant(0));
        Graph graph = (Graph) tf.scope().env();
        OperationBuilder op = graph.opBuilder(NativeKernel.OP, tf.scope().makeOpName("ArturoExactStep"))
                .addInput(config.asOutput())
                .addInput(result.asOutput())
                .addInputList(outputs(parameters))
                .addInputList(outputs(gradients));
        for (int field = 0; field < 6; field++) {
            List<Variable<Float>> column = new ArrayList<>();
            for (TensorSlots t : slots) {
                column.add(t.all().get(field));
            }
            op.addInputList(outputs(column));
        }
        return op.setAttr("N", (long) n).build();
    }

    private static Output<?>[] outputs(List<? extends Operand<Float>> operands) {
        Output<?>[] out = new Output<?>[operands.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = operands.get(i).asOutput();
        }
        return out;
    }
}
