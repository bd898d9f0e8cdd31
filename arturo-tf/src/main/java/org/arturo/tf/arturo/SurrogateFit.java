package org.arturo.tf.arturo;

import java.util.List;
import org.arturo.tf.graph.StateWrite;
import org.arturo.tf.state.StateFactory;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;

/** The per-element gradient model of one parameter tensor and the state it keeps. */
interface SurrogateFit {
    /**
     * The fitted model at θ: gradient ≈ quad·θ + lin, the state to write back, and a condition the step
     * needs besides finite C(η) and η (null: none).
     */
    record Fit(Operand<Float> lin, Operand<Float> quad, List<StateWrite> writes, Operand<Boolean> valid) {
        Fit(Operand<Float> lin, Operand<Float> quad, List<StateWrite> writes) {
            this(lin, quad, writes, null);
        }
    }

    /**
     * @param theta     the parameter after weight decay (where the gradient was taken)
     * @param firstStep true on the first applied step
     * @param step      applied steps before this one
     */
    Fit fit(Ops tf, Operand<Float> theta, Operand<Float> gradient, Operand<Boolean> firstStep, Operand<Float> step);

    /** Its state variables. */
    List<Variable<Float>> variables();

    /** The fit of the configured model for one parameter tensor, its state created through {@code factory}. */
    static SurrogateFit create(Ops tf, Variable<Float> parameter, Surrogate surrogate, StateFactory factory) {
        if (surrogate instanceof Surrogate.Kalman kalman) {
            return new KalmanFit(tf, parameter, kalman, factory);
        }
        return new AdamMomentsFit(tf, parameter, (Surrogate.AdamMoments) surrogate, factory);
    }
}
