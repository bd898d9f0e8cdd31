package org.arturo.tf.arturo;

import java.util.ArrayList;
import java.util.List;
import org.arturo.tf.graph.GuardedStep;
import org.arturo.tf.state.StateFactory;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;

/**
 * Everything arTuRO keeps between steps: the precision and the surrogate's state per parameter
 * element (six floats with the Kalman filter, eight when it estimates its measurement noise; the parameter itself is the mean μ), the guarded step's
 * counters and the scalars of the last step. All of it is created through the host's {@link StateFactory}.
 */
final class ArturoState {
    /** Slot name of the precision; the surrogate names its own slots. */
    static final String PRECISION = "prec";

    /** Per-parameter state: the precision of Σ (eq. 1) and the surrogate's own state. */
    static final class Slots {
        final Variable<Float> precision;
        final SurrogateFit surrogate;

        Slots(Ops tf, Variable<Float> parameter, ArturoConfig c, StateFactory factory) {
            precision = factory.createSlot(tf, parameter, PRECISION, (float) (1 / c.varInit()));
            surrogate = SurrogateFit.create(tf, parameter, c.surrogate(), factory);
        }
    }

    final List<Slots> slots = new ArrayList<>();
    /** The step counter (drives the schedule and the first-step initialization) and the skipped counter. */
    final GuardedStep guard;
    /** η of the last applied step, −1 before the first: warm start and diagnostic. */
    final Variable<Float> eta;
    final Variable<Float> klRatio;
    final Variable<Float> solverIterations;
    final Variable<Float> epsilon;

    /** With {@code kernelReadsGradients} the guard leaves max|g| and the outlier verdict to the native kernel. */
    ArturoState(Ops tf, List<Variable<Float>> parameters, List<? extends Operand<Float>> gradients, ArturoConfig config,
                StateFactory factory, boolean kernelReadsGradients) {
        for (Variable<Float> parameter : parameters) {
            slots.add(new Slots(tf, parameter, config, factory));
        }
        guard = kernelReadsGradients ? GuardedStep.openForKernel(tf, "arturo", factory, config.outlierFactor())
                : GuardedStep.open(tf, "arturo", factory, true, config.outlierFactor(), gradients);
        eta = factory.createScalar(tf, "arturo_eta", -1f);
        klRatio = factory.createScalar(tf, "arturo_kl_ratio", 0f);
        solverIterations = factory.createScalar(tf, "arturo_solver_iterations", 0f);
        epsilon = factory.createScalar(tf, "arturo_epsilon", (float) config.epsilon());
    }

    /** Applied steps before this one. */
    Variable<Float> step() {
        return guard.step();
    }
}
