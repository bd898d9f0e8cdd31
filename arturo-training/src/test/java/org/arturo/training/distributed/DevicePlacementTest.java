package org.arturo.training.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.arturo.tf.arturo.ArturoConfig;
import org.arturo.tf.arturo.ArturoOptimizer;
import org.junit.jupiter.api.Test;
import org.tensorflow.framework.GraphDef;
import org.tensorflow.framework.NodeDef;

class DevicePlacementTest {
    private static final String PS = "/job:ps/task:0";

    @Test
    void eachReplicaRunsItsForwardAndBackwardPassOnItsWorkerAndTheRestOnTheParameterServer() {
        try (DataParallelGraph graph = new DataParallelGraph(new SoftmaxMlp(6, 5, 3), new ArturoOptimizer(ArturoConfig.defaults()), 3)) {
            GraphDef placed = graph.placed();
            // The loss and the backward pass (ReluGrad comes from the gradients) once per worker.
            for (String op : List.of("SoftmaxCrossEntropyWithLogits", "ReluGrad", "Placeholder")) {
                Map<String, Long> byDevice = placed.getNodeList().stream().filter(n -> n.getOp().equals(op))
                        .filter(n -> !n.getDevice().equals(PS))
                        .collect(Collectors.groupingBy(NodeDef::getDevice, Collectors.counting()));
                assertEquals(3, byDevice.size(), op + " on " + byDevice);
            }
            assertEquals(0, placed.getNodeList().stream()
                    .filter(n -> n.getOp().equals("ReluGrad") && n.getDevice().equals(PS)).count());
            // Variables (the model's and the optimizer's state) and the optimizer's assigns: parameter server only.
            for (NodeDef n : placed.getNodeList()) {
                if (n.getOp().equals("VariableV2") || n.getOp().equals("Assign")) {
                    assertEquals(PS, n.getDevice(), n.getName());
                }
                assertFalse(n.getDevice().isEmpty(), n.getName());
            }
        }
    }

    @Test
    void namesOutsideEveryReplicaScopeGoToTheParameterServer() {
        assertEquals("/job:worker/task:1", DevicePlacement.deviceOf("dp/replica_1/Gradients/MatMul_grad", "dp", 2));
        assertEquals(PS, DevicePlacement.deviceOf("dp/replica_10/MatMul", "dp", 2));
        assertEquals(PS, DevicePlacement.deviceOf("dp/replica_1x/MatMul", "dp", 2));
        assertEquals(PS, DevicePlacement.deviceOf("replica_1/MatMul", "dp", 2));
        assertEquals(PS, DevicePlacement.deviceOf("dp/arturo/step", "dp", 2));
    }
}
