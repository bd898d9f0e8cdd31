package org.arturo.training.graph;

import java.util.List;
import org.tensorflow.Session;
import org.tensorflow.Tensor;

/**
 * Values a model's graph needs on every run beside the batch's own inputs, which may depend on the
 * batch size: a KotlinDL model, for example, takes a training flag and the number of loss terms.
 */
@FunctionalInterface
public interface BatchFeeds {
    /** No feeds beyond the inputs. */
    BatchFeeds NONE = (runner, batchSize) -> List.of();

    /**
     * Feeds the values for a batch of {@code batchSize} examples into {@code runner} and returns the
     * tensors it created, which the caller closes after the run.
     */
    List<Tensor<?>> feed(Session.Runner runner, int batchSize);
}
