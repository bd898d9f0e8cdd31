package org.arturo.training.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.arturo.tf.GraphOptimizer;
import org.arturo.tf.arturo.ArturoConfig;
import org.arturo.tf.arturo.ArturoOptimizer;
import org.arturo.tf.baselines.AdamConfig;
import org.arturo.tf.baselines.AdamOptimizer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two workers and a parameter server on loopback train as one process does. */
class DataParallelTrainerTest {
    private static final SoftmaxMlp MODEL = new SoftmaxMlp(12, 16, 4);
    private static final int STEPS = 20;
    private static ClusterSpec cluster;

    @BeforeAll
    static void startCluster() {
        cluster = LoopbackCluster.start(2);
    }

    @Test
    void arturoOnTwoWorkersMatchesOneProcess() {
        assertMatchesSingleProcess(new ArturoOptimizer(ArturoConfig.defaults()), 30);
    }

    @Test
    void adamOnTwoWorkersMatchesOneProcess() {
        assertMatchesSingleProcess(new AdamOptimizer(AdamConfig.defaults()), 30);
    }

    @Test
    void unevenShardsAreWeightedByTheirSize() {
        // 31 rows: shards of 16 and 15, weighted 16/31 and 15/31, still the global batch's mean gradient.
        assertMatchesSingleProcess(new AdamOptimizer(AdamConfig.defaults()), 31);
    }

    private static void assertMatchesSingleProcess(GraphOptimizer optimizer, int batch) {
        List<List<HostTensor>> batches = batches(STEPS, batch, 7);
        List<float[]> init = MODEL.initialValues(3);
        List<HostTensor> distributed;
        List<HostTensor> single;
        float firstLoss;
        float lastLoss;
        try (DataParallelTrainer t = DataParallelTrainer.onCluster(MODEL, optimizer, cluster, Duration.ofSeconds(60))) {
            assertEquals(2, t.replicas());
            t.initialize(init);
            firstLoss = t.step(batches.get(0)).loss();
            float loss = firstLoss;
            for (int s = 1; s < STEPS; s++) {
                loss = t.step(batches.get(s)).loss();
            }
            lastLoss = loss;
            distributed = t.parameters();
        }
        try (DataParallelTrainer t = DataParallelTrainer.singleProcess(MODEL, optimizer)) {
            t.initialize(init);
            for (List<HostTensor> b : batches) {
                t.step(b);
            }
            single = t.parameters();
        }
        List<HostTensor> sameShards;
        try (DataParallelTrainer t = DataParallelTrainer.singleProcess(MODEL, optimizer, 2)) {
            t.initialize(init);
            for (List<HostTensor> b : batches) {
                t.step(b);
            }
            sameShards = t.parameters();
        }
        // The runtime adds nothing of its own: bit for bit the same arithmetic as one process summing the shards.
        assertEquals(0.0, ParameterDifference.maxRelative(distributed, sameShards));
        double diff = ParameterDifference.maxRelative(distributed, single);
        assertTrue(diff <= 1e-5, "max relative difference vs single process: " + diff);
        // The parameters moved: the comparison is not between two untouched initial states.
        assertTrue(ParameterDifference.maxRelative(single, asTensors(init, single)) > 1e-3);
        assertTrue(lastLoss < firstLoss, "loss " + firstLoss + " -> " + lastLoss);
    }

    private static List<HostTensor> asTensors(List<float[]> values, List<HostTensor> like) {
        List<HostTensor> out = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            out.add(new HostTensor(like.get(i).shape(), values.get(i)));
        }
        return out;
    }

    /** Features from a fixed random linear teacher's classes, so the loss can fall. */
    static List<List<HostTensor>> batches(int count, int batch, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int in = MODEL.inputs();
        int classes = MODEL.classes();
        float[] teacher = new float[in * classes];
        for (int i = 0; i < teacher.length; i++) {
            teacher[i] = (float) random.nextGaussian();
        }
        List<List<HostTensor>> out = new ArrayList<>();
        for (int b = 0; b < count; b++) {
            float[] x = new float[batch * in];
            float[] y = new float[batch * classes];
            for (int r = 0; r < batch; r++) {
                int best = 0;
                double bestScore = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < in; i++) {
                    x[r * in + i] = (float) random.nextGaussian();
                }
                for (int c = 0; c < classes; c++) {
                    double score = 0;
                    for (int i = 0; i < in; i++) {
                        score += x[r * in + i] * teacher[i * classes + c];
                    }
                    if (score > bestScore) {
                        bestScore = score;
                        best = c;
                    }
                }
                y[r * classes + best] = 1f;
            }
            out.add(List.of(new HostTensor(new long[] {batch, in}, x), new HostTensor(new long[] {batch, classes}, y)));
        }
        return out;
    }
}
