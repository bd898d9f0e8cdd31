package org.arturo.training.graph;

/**
 * A batch's mean loss, mean gradient and per-element, per-example gradient variance: from
 * micro-batches ({@link MicroBatchVariance}, any model) or within the batch ({@link WithinBatchVariance},
 * exact for dense layers).
 */
public interface BatchStatistics {
    MicroBatchVariance.Statistics estimate(Batch batch);
}
