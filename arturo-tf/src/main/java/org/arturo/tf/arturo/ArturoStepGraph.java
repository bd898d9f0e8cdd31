package org.arturo.tf.arturo;

import java.util.ArrayList;
import java.util.List;
import org.arturo.tf.Diagnostics;
import org.arturo.tf.StepInputs;
import org.arturo.tf.TrainStep;
import org.arturo.tf.graph.StateWrite;
import org.arturo.tf.numerics.Reductions;
import org.arturo.tf.numerics.Reductions.Accumulation;
import org.arturo.tf.numerics.WeightDecay;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;

/**
 * Assembles one arTuRO step (docs/algorithm.md, Algorithm 1): weight decay, surrogate fit, dual
 * solve for the global η, primal update of mean and precision, and the guarded write-back.
 *
 * <p>The step is applied when C(η) and η are finite. A NaN/Inf gradient poisons C(η) (every gain is
 * non-zero), so the same scalar predicate catches it.
 */
final class ArturoStepGraph {
    private ArturoStepGraph() {
    }

    static TrainStep build(StepInputs in, ArturoConfig c, ArturoState state) {
        Ops tf = in.tf();
        List<Variable<Float>> parameters = in.parameters();
        Operand<Float> epsilon = tf.math.mul(tf.constant((float) c.epsilon()), c.schedule().factor(tf, state.step()));
        Operand<Boolean> firstStep = tf.math.equal(state.step(), tf.constant(0f));

        List<Operand<Float>> thetas = new ArrayList<>();
        List<TrustRegionTerms> terms = new ArrayList<>();
        List<StateWrite> writes = new ArrayList<>();
        List<Operand<Boolean>> fitsValid = new ArrayList<>();
        for (int i = 0; i < parameters.size(); i++) {
            ArturoState.Slots s = state.slots.get(i);
            // Decoupled weight decay scaled by ε_t, eq. (2).
            Operand<Float> theta = c.weightDecay() == 0 ? parameters.get(i)
                    : WeightDecay.decoupled(tf, parameters.get(i), epsilon, c.weightDecay());
            SurrogateFit.Fit fit = s.surrogate.fit(tf, theta, in.gradients().get(i), firstStep, state.step());
            thetas.add(theta);
            terms.add(new TrustRegionTerms(tf, c, theta, fit.lin(), fit.quad(), s.precision));
            writes.addAll(fit.writes());
            if (fit.valid() != null) {
                fitsValid.add(fit.valid());
            }
        }

        DualSolve.Result solved = DualSolve.of(c.solver()).solve(tf, terms, epsilon, state.eta);
        Operand<Float> eta = solved.eta();

        // Primal solution at η: μ_t = μ − Δ(η), eq. (5); precision, eq. (7)–(8); achieved KL, eq. (6).
        List<Operand<Float>> klParts = new ArrayList<>();
        for (int i = 0; i < parameters.size(); i++) {
            TrustRegionTerms t = terms.get(i);
            // Δ = v/(λ + η) and prec·Δ² = c/(λ + η)², eqs. (5)–(6)
            Operand<Float> inverse = t.inverseDistance(tf, eta);
            Operand<Float> step = tf.math.mul(t.v, inverse);
            klParts.add(tf.math.mul(tf.math.mul(t.c, inverse), inverse));
            Operand<Integer> shape = tf.shape(parameters.get(i), Integer.class);
            writes.add(new StateWrite(parameters.get(i), tf.math.sub(thetas.get(i), tf.reshape(step, shape))));
            writes.add(new StateWrite(state.slots.get(i).precision, tf.reshape(t.newPrecision(tf, c), shape)));
        }
        Operand<Float> kl = tf.math.mul(tf.constant(0.5f), Reductions.sumOfAll(tf, klParts, Accumulation.DOUBLE));
        writes.add(new StateWrite(state.eta, eta));
        // C/ε_t; 0 once a schedule has taken ε_t to 0 (the step is then 0 too), never NaN in the state.
        writes.add(new StateWrite(state.klRatio, tf.math.divNoNan(kl, epsilon)));
        writes.add(new StateWrite(state.solverIterations, solved.iterations()));
        writes.add(new StateWrite(state.epsilon, epsilon));

        Operand<Boolean> finite = tf.math.logicalAnd(tf.math.isFinite(kl), tf.math.isFinite(eta));
        for (Operand<Boolean> v : fitsValid) {
            finite = tf.math.logicalAnd(finite, v);
        }
        Operand<Float> trainOp = state.guard.commit(tf, finite, writes);
        return new TrainStep(trainOp, diagnostics(tf, state, false));
    }

    /** The diagnostics of either kernel's step: the guard's counters, the step's scalars, the kernel. */
    static Diagnostics diagnostics(Ops tf, ArturoState state, boolean nativeKernel) {
        return state.guard.diagnostics()
                .add(ArturoDiagnostics.ETA, state.eta)
                .add(ArturoDiagnostics.KL_RATIO, state.klRatio)
                .add(ArturoDiagnostics.SOLVER_ITERATIONS, state.solverIterations)
                .add(ArturoDiagnostics.EPSILON, state.epsilon)
                .add(ArturoDiagnostics.NATIVE_KERNEL, tf.constant(nativeKernel ? 1f : 0f))
                .build();
    }
}
