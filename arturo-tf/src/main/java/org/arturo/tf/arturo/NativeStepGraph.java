package org.arturo.tf.arturo;

import java.util.ArrayList;
import java.util.List;
import org.arturo.tf.StepInputs;
import org.arturo.tf.TrainStep;
import org.arturo.tf.graph.GuardedStep;
import org.arturo.tf.graph.StateWrite;
import org.tensorflow.Operand;
import org.tensorflow.Operation;
import org.tensorflow.Output;
import org.tensorflow.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.TemporaryVariable;

/**
 * One arTuRO step on the native kernel (docs/native-kernel.md): the same state, schedule, guard and
 * diagnostics as {@link ArturoStepGraph}, with the element-wise work and the dual solve in one op.
 *
 * <p>The op reads the gradients once: it takes max|g| in its first pass and judges it against the
 * outlier guard's bound, so the graph makes no reduction pass of its own. It writes the parameters
 * and their state in place, and only when the gradient is no outlier and C(η*) and η* are finite; it
 * reports [applied, η*, C(η*), passes, max|g|, outlier] in a temporary of this run. The shared guard,
 * judged by the op, then writes the scalars and moves the counters: its predicate "applied or
 * outlier" makes an outlier count as an outlier and any other unapplied step as non-finite, as on the
 * graph.
 */
final class NativeStepGraph {
    private NativeStepGraph() {
    }

    static TrainStep build(StepInputs in, ArturoConfig c, ArturoState state) {
        Ops tf = in.tf();
        Operand<Float> epsilon = tf.math.mul(tf.constant((float) c.epsilon()), c.schedule().factor(tf, state.step()));
        Operand<Boolean> firstStep = tf.math.equal(state.step(), tf.constant(0f));

        List<NativeExactStep.TensorSlots> slots = new ArrayList<>();
        for (ArturoState.Slots s : state.slots) {
            KalmanFit k = (KalmanFit) s.surrogate;
            slots.add(new NativeExactStep.TensorSlots(s.precision, k.lin, k.quad, k.p00, k.p01, k.p11));
        }
        String resultName = tf.scope().makeOpName("arturo_native_result");
        TemporaryVariable<Float> result = tf.temporaryVariable(Shape.make(NativeExactStep.RESULT_SIZE), Float.class,
                TemporaryVariable.varName(resultName));
        Operation step = NativeExactStep.build(tf, c, in.parameters(), in.gradients(), slots, epsilon, firstStep,
                state.eta, state.guard.outlierBound(tf), result);
        // The op has no outputs; output(0) is only a handle for a control dependency on it.
        Operand<Float> values = tf.withControlDependencies(List.of(step.output(0))).destroyTemporaryVariable(result, resultName);

        // One Unstack rather than a gather per element: every node costs the executor a few µs.
        List<Output<Float>> fields = tf.unstack(values, (long) NativeExactStep.RESULT_SIZE).output();
        Operand<Boolean> applied = tf.math.equal(fields.get(0), tf.constant(1f));
        Operand<Float> eta = fields.get(1);
        Operand<Float> kl = fields.get(2);
        GuardedStep guard = state.guard.judgedByKernel(tf, fields.get(4), fields.get(5));
        List<StateWrite> writes = List.of(
                new StateWrite(state.eta, eta),
                // C/ε_t; 0 once a schedule has taken ε_t to 0, as on the graph.
                new StateWrite(state.klRatio, tf.math.divNoNan(kl, epsilon)),
                new StateWrite(state.solverIterations, fields.get(3)),
                new StateWrite(state.epsilon, epsilon));
        Operand<Boolean> appliedOrOutlier = guard.outlier().<Operand<Boolean>>map(o -> tf.math.logicalOr(applied, o)).orElse(applied);
        Operand<Float> trainOp = guard.commit(tf, appliedOrOutlier, writes);
        return new TrainStep(trainOp, ArturoStepGraph.diagnostics(tf, state, true));
    }
}
