package org.arturo.training.distributed;

import com.google.protobuf.InvalidProtocolBufferException;
import org.tensorflow.Graph;
import org.tensorflow.framework.GraphDef;
import org.tensorflow.framework.NodeDef;

/**
 * In-graph replication's placement: every node of replica i's scope ({@code …/replica_i/...}: its inputs,
 * forward pass, gradients and shard weighting) on {@code /job:worker/task:i}; everything else (the
 * variables, the gradient average, the optimizer's state and step) on {@code /job:ps/task:0}. TensorFlow's
 * runtime then inserts the sends and receives between the tasks.
 */
final class DevicePlacement {
    private DevicePlacement() {
    }

    static String replicaScope(int replica) {
        return "replica_" + replica;
    }

    /** {@code scope}: the data-parallel graph's own name scope; replica i's nodes are under {@code scope/replica_i/}. */
    static GraphDef place(Graph graph, String scope, int replicas) {
        GraphDef def;
        try {
            def = GraphDef.parseFrom(graph.toGraphDef());
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("TensorFlow's own GraphDef did not parse", e);
        }
        GraphDef.Builder placed = def.toBuilder();
        for (int n = 0; n < placed.getNodeCount(); n++) {
            NodeDef.Builder node = placed.getNodeBuilder(n);
            node.setDevice(deviceOf(node.getName(), scope, replicas));
        }
        return placed.build();
    }

    static String deviceOf(String nodeName, String scope, int replicas) {
        for (int i = 0; i < replicas; i++) {
            if (nodeName.startsWith(scope + "/" + replicaScope(i) + "/")) {
                return ClusterSpec.device(ClusterSpec.WORKER_JOB, i);
            }
        }
        return ClusterSpec.device(ClusterSpec.PS_JOB, 0);
    }
}
