package org.arturo.training.distributed;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;

/**
 * A model as data-parallel training builds it: its variables once (they live on the parameter server),
 * and one replica per worker, each reading the shared variables and computing the mean loss of its
 * shard. Everything a replica creates with the {@code Ops} it is given runs on that replica's worker.
 */
public interface ReplicaModel {
    /**
     * The graph the model's variables already live in (a framework's model, such as a compiled KotlinDL
     * model), or empty for a model whose variables {@link #createVariables} creates in a new graph.
     */
    default Optional<Ops> existingGraph() {
        return Optional.empty();
    }

    /**
     * The trainable variables, created with {@code tf} (or, with an {@link #existingGraph}, those already
     * there); their values are fed by the trainer.
     */
    List<Variable<Float>> createVariables(Ops tf);

    /** One replica on {@code variables}: its input placeholders (batch dimension first) and its mean loss. */
    Replica replica(Ops tf, List<Variable<Float>> variables);

    /** One replica's inputs and the <b>mean</b> loss over its shard (the shard weights assume the mean). */
    record Replica(List<Placeholder<Float>> inputs, Operand<Float> loss) {
        public Replica {
            if (inputs == null || inputs.isEmpty()) {
                throw new IllegalArgumentException("inputs: a replica needs at least one input placeholder");
            }
            inputs = List.copyOf(inputs);
            Objects.requireNonNull(loss, "loss");
            if (loss.asOutput().shape().numDimensions() > 0) {
                throw new IllegalArgumentException("loss: expected a scalar (the shard mean), got shape " + loss.asOutput().shape());
            }
        }
    }
}
