package org.arturo.training.distributed;

import io.grpc.Context;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Watches the cluster's tasks while a step runs. TensorFlow's master keeps retrying a worker that died
 * until the step's deadline; the watchdog instead probes every task's port each {@code period} and, once
 * a task has refused or ignored {@value #MISSES} probes in a row, cancels the step and names the task.
 */
final class TaskWatchdog implements AutoCloseable {
    static final int MISSES = 3;

    private final Map<String, HostPort> tasks = new HashMap<>();
    private final Duration period;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "arturo-cluster-watchdog");
        t.setDaemon(true);
        return t;
    });

    TaskWatchdog(ClusterSpec cluster, Duration period) {
        tasks.put(ClusterSpec.device(ClusterSpec.PS_JOB, 0), cluster.parameterServer());
        for (int i = 0; i < cluster.workerCount(); i++) {
            tasks.put(ClusterSpec.device(ClusterSpec.WORKER_JOB, i), cluster.workers().get(i));
        }
        this.period = period;
    }

    /** Runs {@code call} (a blocking gRPC call); a task lost meanwhile cancels it with an error naming the task. */
    <T> T guard(Supplier<T> call) {
        Context.CancellableContext context = Context.current().withCancellation();
        AtomicReference<String> lost = new AtomicReference<>();
        Map<String, Integer> misses = new HashMap<>();
        ScheduledFuture<?> probe = scheduler.scheduleWithFixedDelay(() -> {
            for (Map.Entry<String, HostPort> task : tasks.entrySet()) {
                int missed = answers(task.getValue()) ? 0 : misses.getOrDefault(task.getKey(), 0) + 1;
                misses.put(task.getKey(), missed);
                if (missed >= MISSES && lost.compareAndSet(null, task.getKey() + " at " + task.getValue())) {
                    context.cancel(null);
                }
            }
        }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        try {
            return context.call(call::get);
        } catch (RuntimeException e) {
            if (lost.get() != null) {
                throw new DistributedException("task " + lost.get() + " stopped answering during a step (its process"
                        + " died or its host is unreachable); the step was not applied and the run stops here", e);
            }
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            probe.cancel(false);
            context.close();
        }
    }

    private boolean answers(HostPort address) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address.host(), address.port()), (int) Math.max(100, period.toMillis()));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
