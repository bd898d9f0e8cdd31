package org.arturo.tf;

import java.util.Objects;
import org.tensorflow.Operand;

/**
 * What {@link GraphOptimizer#buildStep} returns: the op to run once per minibatch (its value is the
 * counter that moved: applied or skipped steps) and the scalars that describe the last step.
 */
public record TrainStep(Operand<Float> trainOp, Diagnostics diagnostics) {
    public TrainStep {
        Objects.requireNonNull(trainOp, "trainOp");
        Objects.requireNonNull(diagnostics, "diagnostics");
    }
}
