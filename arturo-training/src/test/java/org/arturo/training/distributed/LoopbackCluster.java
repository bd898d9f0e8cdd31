package org.arturo.training.distributed;

import java.util.ArrayList;
import java.util.List;

/**
 * A parameter server and N workers started in this test process on fresh loopback ports. TensorFlow
 * 1.15's servers cannot be stopped, so a cluster lives until the test JVM exits; its sessions keep
 * their state apart (isolated session state), so one cluster serves every test of a class.
 */
final class LoopbackCluster {
    private LoopbackCluster() {
    }

    static ClusterSpec start(int workers) {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            ports.add(ClusterTask.freeLoopbackPort());
        }
        ClusterSpec cluster = ClusterSpec.loopback(ClusterTask.freeLoopbackPort(), ports);
        ClusterTask.start(cluster, ClusterSpec.PS_JOB, 0);
        for (int i = 0; i < workers; i++) {
            ClusterTask.start(cluster, ClusterSpec.WORKER_JOB, i);
        }
        return cluster;
    }
}
