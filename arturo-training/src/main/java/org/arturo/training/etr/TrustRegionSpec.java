package org.arturo.training.etr;

import org.arturo.tf.Check;
import org.arturo.training.graph.Batch;
import org.arturo.training.graph.ModelGraph;
import org.arturo.training.loop.MethodSpec;

/** The ellipsoidal trust region with its settings and the batch size of every iteration. */
public record TrustRegionSpec(TrustRegionConfig config, int batchSize) implements MethodSpec {
    /** The paper's batch size for its Fashion-MNIST MLP (docs/ellipsoidal-tr.md). */
    public static final int DEFAULT_BATCH_SIZE = 512;

    public TrustRegionSpec {
        Check.notNull("config", config);
        Check.inRange("batchSize", batchSize, 1, Integer.MAX_VALUE);
    }

    @Override
    public String name() {
        return "ellipsoidal-tr";
    }

    /** The ratio test and the finite-difference products compare losses of one batch: no dropout. */
    @Override
    public boolean needsDeterministicLoss() {
        return true;
    }

    @Override
    public TrustRegionTraining create(ModelGraph model, Batch data, long seed) {
        return new TrustRegionTraining(model, config, data, batchSize, seed);
    }
}
