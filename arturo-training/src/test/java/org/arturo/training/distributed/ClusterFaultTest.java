package org.arturo.training.distributed;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.arturo.tf.baselines.AdamConfig;
import org.arturo.tf.baselines.AdamOptimizer;
import org.junit.jupiter.api.Test;

/** A cluster that cannot start, a port already taken, a worker killed mid-run: each stops the run with a clear error. */
class ClusterFaultTest {
    private static final SoftmaxMlp MODEL = new SoftmaxMlp(12, 16, 4);

    @Test
    void aPortInUseIsAClearErrorNamingThePortAndTask() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ClusterSpec cluster = ClusterSpec.loopback(taken.getLocalPort(), List.of(ClusterTask.freeLoopbackPort()));
            DistributedException e = assertThrows(DistributedException.class,
                    () -> ClusterTask.start(cluster, ClusterSpec.PS_JOB, 0));
            assertTrue(e.getMessage().contains("port " + taken.getLocalPort()), e.getMessage());
            assertTrue(e.getMessage().contains("/job:ps/task:0"), e.getMessage());
        }
    }

    @Test
    void aClusterWhoseMasterNeverComesUpFailsWithinTheStartTimeout() {
        ClusterSpec cluster = ClusterSpec.loopback(ClusterTask.freeLoopbackPort(), List.of(ClusterTask.freeLoopbackPort()));
        long start = System.nanoTime();
        DistributedException e = assertThrows(DistributedException.class, () -> DataParallelTrainer.onCluster(
                MODEL, new AdamOptimizer(AdamConfig.defaults()), cluster, Duration.ofSeconds(2)));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(e.getMessage().contains("did not start within 2 s"), e.getMessage());
        assertTrue(seconds < 30, "gave up after " + seconds + " s");
    }

    @Test
    void aClusterWithAMissingWorkerFailsWithinTheStartTimeout() {
        ClusterSpec cluster = ClusterSpec.loopback(ClusterTask.freeLoopbackPort(), List.of(ClusterTask.freeLoopbackPort()));
        ClusterTask.start(cluster, ClusterSpec.PS_JOB, 0);  // the master is up, its worker never starts
        DistributedException e = assertThrows(DistributedException.class, () -> DataParallelTrainer.onCluster(
                MODEL, new AdamOptimizer(AdamConfig.defaults()), cluster, Duration.ofSeconds(3)));
        assertTrue(e.getMessage().contains("did not start within 3 s"), e.getMessage());
    }

    @Test
    void aWorkerKilledMidRunStopsTheRunWithAClearError() throws Exception {
        int psPort = ClusterTask.freeLoopbackPort();
        int localWorker = ClusterTask.freeLoopbackPort();
        int remoteWorker = ClusterTask.freeLoopbackPort();
        ClusterSpec cluster = ClusterSpec.loopback(psPort, List.of(localWorker, remoteWorker));
        ClusterTask.start(cluster, ClusterSpec.PS_JOB, 0);
        ClusterTask.start(cluster, ClusterSpec.WORKER_JOB, 0);
        Process worker = startWorkerProcess(cluster, 1);
        try {
            awaitListening(remoteWorker, worker);
            try (DataParallelTrainer t = DataParallelTrainer.onCluster(MODEL, new AdamOptimizer(AdamConfig.defaults()),
                    cluster, Duration.ofSeconds(60), Duration.ofSeconds(20))) {
                List<List<HostTensor>> batches = DataParallelTrainerTest.batches(3, 8, 1);
                t.initialize(MODEL.initialValues(1));
                t.step(batches.get(0));
                List<HostTensor> before = t.parameters();
                worker.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                long start = System.nanoTime();
                DistributedException e = assertThrows(DistributedException.class, () -> t.step(batches.get(1)));
                assertTrue(e.getMessage().contains("/job:worker/task:1 at 127.0.0.1:" + remoteWorker), e.getMessage());
                assertTrue((System.nanoTime() - start) / 1e9 < 15, "the lost worker was not noticed within seconds");
                // The parameter server's variables were not touched by the failed step.
                assertTrue(ParameterDifference.maxRelative(t.parameters(), before) == 0.0);
            }
        } finally {
            worker.destroyForcibly();
        }
    }

    private static Process startWorkerProcess(ClusterSpec cluster, int task) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), ClusterTask.class.getName(),
                ClusterSpec.WORKER_JOB, Integer.toString(task), cluster.parameterServer().toString(),
                String.join(",", cluster.workers().stream().map(HostPort::toString).toList()))
                .redirectErrorStream(true)
                .redirectOutput(File.createTempFile("arturo-worker", ".log"))
                .start();
    }

    private static void awaitListening(int port, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the worker process exited with " + process.exitValue());
            }
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (java.io.IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("the worker process did not listen on " + port);
    }
}
