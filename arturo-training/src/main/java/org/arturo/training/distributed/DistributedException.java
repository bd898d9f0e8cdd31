package org.arturo.training.distributed;

/**
 * A data-parallel run that cannot go on: a task that is unreachable or died, a cluster that did not
 * start in time, a port already taken, or a step that the runtime rejected. The message names the task
 * or address and what to check; the run stops instead of training on without a part of the cluster.
 */
public final class DistributedException extends RuntimeException {
    public DistributedException(String message) {
        super(message);
    }

    public DistributedException(String message, Throwable cause) {
        super(message, cause);
    }
}
