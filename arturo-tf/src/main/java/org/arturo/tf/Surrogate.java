package org.arturo.tf;

import java.util.List;
import org.arturo.tf.state.StateFactory;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;

/** The per-element gradient model of one parameter tensor and the state it keeps. */
interface Surrogate {
    /** The fitted model at θ: gradient ≈ quad·θ + lin, and the state to write back. */
    record Fit(Operand<Float> lin, Operand<Float> quad, List<StateWrite> writes) {
    }

    /**
     * @param theta     the parameter after weight decay (where the gradient was taken)
     * @param firstStep true on the first applied step
     * @param step      applied steps before this one
     */
    Fit fit(Ops tf, Operand<Float> theta, Operand<Float> gradient, Operand<Boolean> firstStep, Operand<Float> step);

    /** Its state variables. */
    List<Variable<Float>> variables();

    static Surrogate create(Ops tf, Variable<Float> parameter, ArturoConfig config, StateFactory factory) {
        return switch (config.surrogate()) {
            case KALMAN -> new KalmanSurrogate(tf, parameter, config, factory);
            case ADAM_MOMENTS -> new AdamMomentsSurrogate(tf, parameter, config, factory);
        };
    }
}
