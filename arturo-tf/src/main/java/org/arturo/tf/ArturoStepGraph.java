package org.arturo.tf;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;

/**
 * Assembles one arTuRO step (docs/algorithm.md, Algorithm 1): weight decay, surrogate filter, dual
 * solve for the global η, primal update of mean and precision, and the guarded write-back.
 *
 * <p>Write-back: every new value is computed first; then one scalar predicate (C(η) and η finite)
 * routes them through Switch ops. Only on the true branch are the assigns executed; on the false
 * branch only the skipped-step counter moves. Switch forwards buffers, so the guard costs no pass
 * over the parameters, and a NaN/Inf gradient poisons C(η) (every gain is non-zero), so it is caught
 * by the same predicate.
 */
final class ArturoStepGraph {
    private final Operand<Float> trainOp;

    ArturoStepGraph(Ops tf, ArturoConfig c, List<Variable<Float>> parameters,
                    List<? extends Operand<Float>> gradients, ArturoState state) {
        Operand<Float> epsilon = tf.math.mul(tf.constant((float) c.epsilon()),
                c.schedule().factor(tf, state.step));
        Operand<Boolean> firstStep = tf.math.equal(state.step, tf.constant(0f));
        // Decoupled weight decay scaled by ε_t, eq. (2).
        Operand<Float> decay = c.weightDecay() == 0 ? null
                : tf.math.sub(tf.constant(1f), tf.math.mul(epsilon, tf.constant((float) c.weightDecay())));

        List<Operand<Float>> thetas = new ArrayList<>();
        List<TrustRegionTerms> terms = new ArrayList<>();
        List<StateWrite> writes = new ArrayList<>();
        for (int i = 0; i < parameters.size(); i++) {
            ArturoState.Slots s = state.slots.get(i);
            Operand<Float> theta = decay == null ? parameters.get(i) : tf.math.mul(parameters.get(i), decay);
            Surrogate.Fit fit = s.surrogate.fit(tf, theta, gradients.get(i), firstStep, state.step);
            thetas.add(theta);
            terms.add(new TrustRegionTerms(tf, c, theta, fit.lin(), fit.quad(), s.precision));
            writes.addAll(fit.writes());
        }

        EtaSolver.Result solved = EtaSolver.of(c).solve(tf, terms, epsilon, state.eta);
        Operand<Float> eta = solved.eta();

        // Primal solution at η: μ_t = μ − Δ(η), eq. (5); precision, eq. (7)–(8); achieved KL, eq. (6).
        List<Operand<Float>> klParts = new ArrayList<>();
        for (int i = 0; i < parameters.size(); i++) {
            ArturoState.Slots s = state.slots.get(i);
            TrustRegionTerms t = terms.get(i);
            // Δ = v/(λ + η) and prec·Δ² = c/(λ + η)², eqs. (5)–(6)
            Operand<Float> inverse = t.inverseDistance(tf, eta);
            Operand<Float> step = tf.math.mul(t.v, inverse);
            klParts.add(tf.reduceSum(tf.math.mul(tf.math.mul(t.c, inverse), inverse), tf.constant(0)));
            Operand<Integer> shape = tf.shape(parameters.get(i), Integer.class);
            Operand<Float> newTheta = tf.math.sub(thetas.get(i), tf.reshape(step, shape));
            writes.add(new StateWrite(parameters.get(i), newTheta));
            writes.add(new StateWrite(s.precision, tf.reshape(t.newPrecision(tf, c), shape)));
        }
        Operand<Float> kl = tf.math.mul(tf.constant(0.5f), DualSums.sum(tf, klParts));
        writes.add(new StateWrite(state.eta, eta));
        writes.add(new StateWrite(state.klRatio, tf.math.div(kl, epsilon)));
        writes.add(new StateWrite(state.solverIterations, solved.iterations()));
        writes.add(new StateWrite(state.epsilon, epsilon));

        Operand<Boolean> finite = tf.math.logicalAnd(tf.math.isFinite(kl), tf.math.isFinite(eta));
        this.trainOp = writeBack(tf, writes, finite, state);
    }

    Operand<Float> trainOp() {
        return trainOp;
    }

    /**
     * Assigns every value when {@code finite}, else counts a skipped step. All assigns wait for all
     * new values (an op reading a variable after its assign would see the new value).
     */
    private static Operand<Float> writeBack(Ops tf, List<StateWrite> writes, Operand<Boolean> finite,
                                            ArturoState state) {
        List<Operand<?>> newValues = new ArrayList<>();
        for (StateWrite w : writes) {
            newValues.add(w.value());
        }
        Ops afterValues = tf.withControlDependencies(newValues);
        List<Operand<?>> assigns = new ArrayList<>();
        for (StateWrite w : writes) {
            assigns.add(afterValues.assign(w.target(), SkipGuard.ifFinite(afterValues, w.value(), finite)));
        }
        return SkipGuard.countStep(tf, "arturo_train", state.step, state.skippedSteps, finite, assigns);
    }

}
