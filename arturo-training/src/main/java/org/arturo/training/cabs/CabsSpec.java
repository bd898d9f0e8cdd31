package org.arturo.training.cabs;

import org.arturo.tf.Check;
import org.arturo.tf.GraphOptimizer;
import org.arturo.training.graph.Batch;
import org.arturo.training.graph.ModelGraph;
import org.arturo.training.loop.MethodSpec;

/**
 * CABS with its rule's settings, the optimizer it drives (null: plain SGD at the rule's α, the thesis's
 * method) and the number of micro-batches for the variance, k in [2, m_min].
 */
public record CabsSpec(CabsConfig config, GraphOptimizer optimizer, int microBatches) implements MethodSpec {
    /** The default k: enough degrees of freedom for the trace CABS needs (docs/training.md, eq. V1). */
    public static final int DEFAULT_MICRO_BATCHES = 4;

    public CabsSpec {
        Check.notNull("config", config);
        Check.inRange("microBatches", microBatches, 2, config.minBatchSize());
    }

    @Override
    public String name() {
        return "cabs";
    }

    /** CABS tolerates dropout: each micro-batch's gradient is one more noisy sample. */
    @Override
    public boolean needsDeterministicLoss() {
        return false;
    }

    @Override
    public CabsTraining create(ModelGraph model, Batch data, long seed) {
        return optimizer == null ? CabsTraining.sgd(model, config, data, seed, microBatches)
                : new CabsTraining(model, optimizer, config, data, seed, microBatches);
    }
}
