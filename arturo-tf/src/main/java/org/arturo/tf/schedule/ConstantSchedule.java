package org.arturo.tf.schedule;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;

/** factor(t) = 1. */
final class ConstantSchedule implements Schedule {
    static final ConstantSchedule INSTANCE = new ConstantSchedule();

    private ConstantSchedule() {
    }

    @Override
    public Operand<Float> factor(Ops tf, Operand<Float> step) {
        return tf.constant(1f);
    }

    @Override
    public double factorAt(long step) {
        return 1.0;
    }

    @Override
    public double maxFactor() {
        return 1.0;
    }

    @Override
    public double minFactor() {
        return 1.0;
    }

    @Override
    public String toString() {
        return "constant";
    }
}
