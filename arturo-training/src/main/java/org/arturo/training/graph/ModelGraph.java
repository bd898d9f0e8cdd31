package org.arturo.training.graph;

import java.util.List;
import java.util.Objects;
import org.arturo.tf.graph.GraphInputs;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;

/**
 * A model as a training loop sees it: a session on its graph, the input placeholders (batch dimension
 * first, any size), the loss (the <b>mean</b> over the batch: the variance estimates and CABS depend on
 * that reduction), the variables to train, and any other values each run must feed ({@link BatchFeeds}).
 */
public final class ModelGraph {
    private final Ops tf;
    private final Session session;
    private final List<Placeholder<Float>> inputs;
    private final Operand<Float> loss;
    private final List<Variable<Float>> variables;
    private final BatchFeeds feeds;

    public ModelGraph(Ops tf, Session session, List<Placeholder<Float>> inputs, Operand<Float> loss,
                      List<Variable<Float>> variables) {
        this(tf, session, inputs, loss, variables, BatchFeeds.NONE);
    }

    public ModelGraph(Ops tf, Session session, List<Placeholder<Float>> inputs, Operand<Float> loss,
                      List<Variable<Float>> variables, BatchFeeds feeds) {
        this.tf = Objects.requireNonNull(tf, "tf");
        this.session = Objects.requireNonNull(session, "session");
        if (inputs == null || inputs.isEmpty()) {
            throw new IllegalArgumentException("inputs: expected at least one placeholder");
        }
        this.inputs = List.copyOf(inputs);
        this.loss = Objects.requireNonNull(loss, "loss");
        if (loss.asOutput().shape().numDimensions() > 0) {
            throw new IllegalArgumentException("loss: expected a scalar (the batch mean), got shape " + loss.asOutput().shape());
        }
        GraphInputs.checkParameters(variables);
        this.variables = List.copyOf(variables);
        this.feeds = Objects.requireNonNull(feeds, "feeds");
    }

    public Ops tf() { return tf; }

    public Session session() { return session; }

    public List<Placeholder<Float>> inputs() { return inputs; }

    public Operand<Float> loss() { return loss; }

    public List<Variable<Float>> variables() { return variables; }

    public BatchFeeds feeds() { return feeds; }
}
