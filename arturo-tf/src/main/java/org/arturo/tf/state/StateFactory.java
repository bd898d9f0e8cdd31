package org.arturo.tf.state;

import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;

/**
 * Creates the optimizer's state variables, so that a host framework can own them (KotlinDL keeps
 * per-parameter state as "slots" it saves and restores). The default, {@link PlainStateFactory},
 * creates plain graph variables and collects their initializers.
 *
 * <p>Each variable must start at the given value once its initializer has run.
 */
public interface StateFactory {
    /**
     * A float variable shaped like {@code parameter}, filled with {@code initialValue}.
     *
     * @param slotName one of {@code prec, lin, quad, p00, p01, p11} (or a baseline's own names)
     */
    Variable<Float> createSlot(Ops tf, Variable<Float> parameter, String slotName, float initialValue);

    /** A float scalar variable starting at {@code initialValue}; {@code name} is unique per optimizer. */
    Variable<Float> createScalar(Ops tf, String name, float initialValue);
}
