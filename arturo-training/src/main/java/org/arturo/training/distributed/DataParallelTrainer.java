package org.arturo.training.distributed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.arturo.tf.GraphOptimizer;
import org.arturo.training.graph.Batch;

/**
 * Synchronous data-parallel training: each step splits the global batch into one contiguous shard per
 * replica, runs every replica's gradient and the one optimizer step in a single run of the graph, and
 * returns the global batch's mean loss (before the step). A step completes only when every worker has
 * delivered its shard's gradient, so the trajectory is the single-process one up to float rounding.
 *
 * <pre>{@code
 * try (DataParallelTrainer t = DataParallelTrainer.onCluster(model, optimizer, cluster, Duration.ofSeconds(60))) {
 *     t.initialize(initialParameters);
 *     for (...) t.step(List.of(images, labels));
 * }
 * }</pre>
 */
public final class DataParallelTrainer implements AutoCloseable {
    /** How long a single step may take before the run stops as stuck (a worker gone silent). */
    public static final Duration DEFAULT_STEP_TIMEOUT = Duration.ofMinutes(5);

    private final DataParallelGraph graph;
    private final GraphRunner runner;
    private long steps;

    public DataParallelTrainer(DataParallelGraph graph, GraphRunner runner) {
        this.graph = Objects.requireNonNull(graph, "graph");
        this.runner = Objects.requireNonNull(runner, "runner");
    }

    /** Trains on {@code cluster}: one replica per worker, variables and optimizer on the parameter server. */
    public static DataParallelTrainer onCluster(ReplicaModel model, GraphOptimizer optimizer, ClusterSpec cluster,
                                                Duration startTimeout) {
        return onCluster(model, optimizer, cluster, startTimeout, DEFAULT_STEP_TIMEOUT);
    }

    public static DataParallelTrainer onCluster(ReplicaModel model, GraphOptimizer optimizer, ClusterSpec cluster,
                                                Duration startTimeout, Duration stepTimeout) {
        requirePositive("startTimeout", startTimeout);
        requirePositive("stepTimeout", stepTimeout);
        DataParallelGraph graph = new DataParallelGraph(model, optimizer, cluster.workerCount());
        try {
            return new DataParallelTrainer(graph, new ClusterRunner(cluster, graph.placed(), startTimeout, stepTimeout));
        } catch (RuntimeException e) {
            graph.close();
            throw e;
        }
    }

    /** The reference: the same model and optimizer in this process, one replica on the whole global batch. */
    public static DataParallelTrainer singleProcess(ReplicaModel model, GraphOptimizer optimizer) {
        return singleProcess(model, optimizer, 1);
    }

    /**
     * The same model and optimizer in this process with {@code replicas} shards: the distributed step's
     * arithmetic (shard means, weighted sum) without the runtime, which tells the rounding of a sharded
     * gradient sum apart from a fault of the cluster.
     */
    public static DataParallelTrainer singleProcess(ReplicaModel model, GraphOptimizer optimizer, int replicas) {
        DataParallelGraph graph = new DataParallelGraph(model, optimizer, replicas);
        return new DataParallelTrainer(graph, new LocalRunner(graph.graph()));
    }

    public int replicas() {
        return graph.replicas();
    }

    /** Sets the variables to {@code values} (one array per variable, in the model's order) and resets the optimizer's state. */
    public void initialize(List<float[]> values) {
        List<String> names = graph.initialValueTensors();
        if (values.size() != names.size()) {
            throw new IllegalArgumentException("values: the model has " + names.size() + " variables, got " + values.size() + " arrays");
        }
        Map<String, HostTensor> feeds = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            feeds.put(names.get(i), new HostTensor(shapeOf(i), values.get(i)));
        }
        runner.run(feeds, List.of(), List.of(graph.parameterInitializer()));
        runner.run(Map.of(), List.of(), List.of(graph.stateInitializer()));
        steps = 0;
    }

    /**
     * One step on a global batch: {@code inputs} in the order of the model's replica placeholders, each
     * with the batch dimension first and the same number of rows B ≥ replicas.
     */
    public StepResult step(List<HostTensor> inputs) {
        int batch = batchSize(inputs);
        Map<String, HostTensor> feeds = new LinkedHashMap<>();
        int start = 0;
        for (int r = 0; r < graph.replicas(); r++) {
            int rows = batch / graph.replicas() + (r < batch % graph.replicas() ? 1 : 0);
            List<String> names = graph.inputTensors(r);
            for (int k = 0; k < names.size(); k++) {
                feeds.put(names.get(k), rows(inputs.get(k), start, rows));
            }
            feeds.put(graph.shardWeightTensor(r), HostTensor.scalar((float) rows / batch));
            start += rows;
        }
        List<String> fetches = new ArrayList<>();
        fetches.add(graph.lossTensor());
        String skipped = graph.skippedStepsTensor();
        if (skipped != null) {
            fetches.add(skipped);
        }
        List<HostTensor> out = runner.run(feeds, fetches, List.of(graph.trainOp()));
        steps++;
        long skippedSteps = skipped == null ? 0 : (long) out.get(1).scalarValue();
        return new StepResult(steps, out.get(0).scalarValue(), skippedSteps);
    }

    /** One step on a global batch as the training loops hold it. */
    public StepResult step(Batch batch) {
        List<HostTensor> inputs = new ArrayList<>();
        for (int i = 0; i < batch.inputs(); i++) {
            inputs.add(new HostTensor(batch.shape(i), batch.values(i)));
        }
        return step(inputs);
    }

    /** The variables' current values, in the model's order. */
    public List<HostTensor> parameters() {
        return runner.run(Map.of(), graph.variableTensors(), List.of());
    }

    @Override
    public void close() {
        try {
            runner.close();
        } finally {
            graph.close();
        }
    }

    private long[] shapeOf(int variable) {
        org.tensorflow.Shape s = graph.variables().get(variable).asOutput().shape();
        long[] dims = new long[s.numDimensions()];
        for (int d = 0; d < dims.length; d++) {
            dims[d] = s.size(d);
        }
        return dims;
    }

    private int batchSize(List<HostTensor> inputs) {
        int expected = graph.inputTensors(0).size();
        if (inputs.size() != expected) {
            throw new IllegalArgumentException("inputs: the model's replica has " + expected + " inputs, got " + inputs.size());
        }
        long batch = -1;
        for (HostTensor t : inputs) {
            if (t.shape().length == 0) {
                throw new IllegalArgumentException("inputs: each input needs a batch dimension, got a scalar");
            }
            if (batch >= 0 && t.shape()[0] != batch) {
                throw new IllegalArgumentException("inputs: batch sizes differ: " + batch + " and " + t.shape()[0]);
            }
            batch = t.shape()[0];
        }
        if (batch < graph.replicas()) {
            throw new IllegalArgumentException("inputs: a global batch of " + batch + " rows cannot give each of the "
                    + graph.replicas() + " replicas at least one row");
        }
        return Math.toIntExact(batch);
    }

    private static HostTensor rows(HostTensor t, int start, int count) {
        int rowLength = t.values().length / Math.toIntExact(t.shape()[0]);
        long[] shape = t.shape().clone();
        shape[0] = count;
        return new HostTensor(shape, Arrays.copyOfRange(t.values(), start * rowLength, (start + count) * rowLength));
    }

    private static void requirePositive(String name, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + ": expected a positive duration, got " + d);
        }
    }

    /** One step's outcome: the step number, the global batch's mean loss before it, the optimizer's skipped steps so far. */
    public record StepResult(long step, float loss, long skippedSteps) {
    }
}
