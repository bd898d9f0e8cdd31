package org.arturo.tf;

import java.util.ArrayList;
import java.util.List;
import org.arturo.tf.state.StateFactory;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;

/**
 * Everything arTuRO keeps between steps: six floats per parameter element (the parameter itself is
 * the mean μ) and a few scalars. All of it is created through the host's {@link StateFactory}.
 */
final class ArturoState {
    /** Slot names, as KotlinDL and checkpoints see them. */
    static final String PRECISION = "prec";
    static final String LIN = "lin";
    static final String QUAD = "quad";
    static final String P00 = "p00";
    static final String P01 = "p01";
    static final String P11 = "p11";

    /** Scalar names. */
    static final String STEP = "arturo_step";
    static final String SKIPPED = "arturo_skipped_steps";
    static final String ETA = "arturo_eta";
    static final String KL_RATIO = "arturo_kl_ratio";
    static final String ITERATIONS = "arturo_solver_iterations";
    static final String EPSILON = "arturo_epsilon";

    /** Per-parameter state, eq. (1)–(2): precision of Σ, surrogate (lin, quad), filter covariance P. */
    static final class Slots {
        final Variable<Float> precision;
        final Variable<Float> lin;
        final Variable<Float> quad;
        final Variable<Float> p00;
        final Variable<Float> p01;
        final Variable<Float> p11;

        Slots(Ops tf, Variable<Float> parameter, ArturoConfig c, StateFactory factory) {
            precision = factory.createSlot(tf, parameter, PRECISION, (float) (1 / c.varInit()));
            // lin starts at the first gradient; the value here is replaced on step 0 (eq. 1).
            lin = factory.createSlot(tf, parameter, LIN, 0f);
            quad = factory.createSlot(tf, parameter, QUAD, (float) c.a0());
            p00 = factory.createSlot(tf, parameter, P00, (float) c.p0());
            p01 = factory.createSlot(tf, parameter, P01, 0f);
            p11 = factory.createSlot(tf, parameter, P11, (float) c.p0());
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
            all.addAll(List.of(s.precision, s.lin, s.quad, s.p00, s.p01, s.p11));
        }
        all.addAll(List.of(step, skippedSteps, eta, klRatio, solverIterations, epsilon));
        return all;
    }
}
