package org.arturo.training.distributed;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.tensorflow.framework.ConfigProto;
import org.tensorflow.framework.GraphDef;

/**
 * A {@link GraphRunner} on a session of a TensorFlow cluster, through the parameter server's master.
 * Each session has its own variables ({@code isolate_session_state}), so runs that share a cluster never
 * see each other's state.
 */
public final class ClusterRunner implements GraphRunner {
    private final MasterClient master;
    private final String session;
    private final Duration stepTimeout;
    private final TaskWatchdog watchdog;

    /** Opens a session with {@code placedGraph}; waits at most {@code startTimeout} for the cluster. */
    public ClusterRunner(ClusterSpec cluster, GraphDef placedGraph, Duration startTimeout, Duration stepTimeout) {
        this.master = new MasterClient(cluster.parameterServer());
        this.stepTimeout = stepTimeout;
        this.watchdog = new TaskWatchdog(cluster, Duration.ofSeconds(1));
        ConfigProto config = ConfigProto.newBuilder()
                .setIsolateSessionState(true)
                // Ops run where they are placed; a placement the cluster cannot honour is an error.
                .setAllowSoftPlacement(false)
                .setOperationTimeoutInMs(stepTimeout.toMillis())
                .build();
        try {
            this.session = master.createSession(placedGraph, config, startTimeout);
        } catch (RuntimeException e) {
            watchdog.close();
            master.close();
            throw e;
        }
    }

    @Override
    public List<HostTensor> run(Map<String, HostTensor> feeds, List<String> fetches, List<String> targets) {
        return watchdog.guard(() -> master.runStep(session, feeds, fetches, targets, stepTimeout));
    }

    @Override
    public void close() {
        watchdog.close();
        master.closeSession(session);
        master.close();
    }
}
