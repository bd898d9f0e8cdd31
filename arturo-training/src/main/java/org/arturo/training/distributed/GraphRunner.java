package org.arturo.training.distributed;

import java.util.List;
import java.util.Map;

/**
 * Runs a built graph by tensor and op names, on a cluster or in this process, so a training loop is
 * the same code for both: the single-process reference is the same graph with one replica.
 */
public interface GraphRunner extends AutoCloseable {
    /** Feeds by tensor name ({@code op:0}), fetches by tensor name, runs targets by op name. */
    List<HostTensor> run(Map<String, HostTensor> feeds, List<String> fetches, List<String> targets);

    @Override
    void close();
}
