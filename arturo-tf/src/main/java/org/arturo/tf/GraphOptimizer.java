package org.arturo.tf;

import java.util.List;
import org.arturo.tf.state.StateFactory;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;

/**
 * An optimizer that builds its update into a TF 1.15 graph, creating all its state through a
 * {@link StateFactory}. arTuRO ({@link ArturoOptimizer}) and the baselines implement it, so one host
 * adapter (e.g. for KotlinDL) serves them all.
 */
public interface GraphOptimizer {
    /** A short name for logs and saved models, e.g. "arTuRO". */
    String name();

    /** Builds the update of {@code parameters} from {@code gradients} (one per parameter, same order). */
    GraphUpdate apply(Ops tf, List<Variable<Float>> parameters, List<? extends Operand<Float>> gradients,
                      StateFactory stateFactory);
}
