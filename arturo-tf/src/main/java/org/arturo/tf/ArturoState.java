package org.arturo.tf;

import java.util.ArrayList;
import java.util.List;
import org.arturo.tf.state.StateFactory;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;

/**
 * Everything arTuRO keeps between steps: six floats per parameter element with the Kalman surrogate
 * (precision, lin, quad, p00, p01, p11; the parameter itself is the mean μ) and a few scalars. All of it is created through the host's {@link StateFactory}.
 */
final class ArturoState {
    /** Slot name of the precision; the surrogate names its own slots. */
    static final String PRECISION = "prec";

    /** Scalar names. */
    static final String STEP = "arturo_step";
    static final String SKIPPED = "arturo_skipped_steps";
    static final String ETA = "arturo_eta";
    static final String KL_RATIO = "arturo_kl_ratio";
    static final String ITERATIONS = "arturo_solver_iterations";
    static final String EPSILON = "arturo_epsilon";

    /** Per-parameter state: the precision of Σ (eq. 1) and the surrogate's own state. */
    static final class Slots {
        final Variable<Float> precision;
        final Surrogate surrogate;

        Slots(Ops tf, Variable<Float> parameter, ArturoConfig c, StateFactory factory) {
            precision = factory.createSlot(tf, parameter, PRECISION, (float) (1 / c.varInit()));
            surrogate = Surrogate.create(tf, parameter, c, factory);
        }
    }

    final List<Slots> slots = new ArrayList<>();
    /** Applied (not skipped) steps so far: drives the schedule and the first-step initialization. */
    final Variable<Float> step;
    final Variable<Float> skippedSteps;
    /** η of the last applied step, −1 before the first: warm start and diagnostic. */
    final Variable<Float> eta;
    final Variable<Float> klRatio;
    final Variable<Float> solverIterations;
    final Variable<Float> epsilon;

    ArturoState(Ops tf, List<Variable<Float>> parameters, ArturoConfig config, StateFactory factory) {
        for (Variable<Float> parameter : parameters) {
            slots.add(new Slots(tf, parameter, config, factory));
        }
        step = factory.createScalar(tf, STEP, 0f);
        skippedSteps = factory.createScalar(tf, SKIPPED, 0f);
        eta = factory.createScalar(tf, ETA, -1f);
        klRatio = factory.createScalar(tf, KL_RATIO, 0f);
        solverIterations = factory.createScalar(tf, ITERATIONS, 0f);
        epsilon = factory.createScalar(tf, EPSILON, (float) config.epsilon());
    }

    /** Every state variable: per-parameter slots first, then the scalars. */
    List<Variable<Float>> allVariables() {
        List<Variable<Float>> all = new ArrayList<>();
        for (Slots s : slots) {
            all.add(s.precision);
            all.addAll(s.surrogate.variables());
        }
        all.addAll(List.of(step, skippedSteps, eta, klRatio, solverIterations, epsilon));
        return all;
    }
}
