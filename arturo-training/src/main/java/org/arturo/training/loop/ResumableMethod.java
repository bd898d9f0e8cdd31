package org.arturo.training.loop;

import java.util.List;
import org.arturo.training.graph.ModelGraph;
import org.tensorflow.op.core.Variable;

/**
 * A training method that can be saved and resumed: its model's graph, the graph variables it owns
 * beside the model's (an optimizer's slots and counters), and its host-side state. A checkpoint holds
 * both kinds of variables and the {@link LoopState}; a resumed method continues bit for bit.
 */
public interface ResumableMethod extends TrainingMethod {
    ModelGraph model();

    /** Graph variables beside the model's that the method updates (empty if none). */
    List<Variable<Float>> stateVariables();

    /** A description of the method's settings: a checkpoint is resumed only by the same settings. */
    String settings();

    LoopState saveState();

    /** Continues from {@code state} (the graph's variables are restored apart, before). */
    void restoreState(LoopState state);
}
