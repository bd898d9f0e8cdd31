package org.arturo.tf;

import java.util.Map;
import org.tensorflow.Operand;

/** The result of {@link GraphOptimizer#apply}: the op to run per batch and scalars to watch. */
public interface GraphUpdate {
    /** Run as a target once per minibatch. */
    Operand<Float> trainOp();

    /** Named scalars readable after each step (for arTuRO: eta, klRatio, ...); may be empty. */
    Map<String, Operand<Float>> scalars();
}
