package org.arturo.training.distributed;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.tensorflow.distruntime.ClusterDef;
import org.tensorflow.distruntime.JobDef;
import org.tensorflow.distruntime.ServerDef;

/**
 * The tasks of a data-parallel cluster: one parameter-server task ({@code /job:ps/task:0}), which holds
 * the variables and the optimizer's state and runs the optimizer step, and N worker tasks
 * ({@code /job:worker/task:i}), each computing the gradient of its shard. Every task runs TensorFlow's
 * gRPC server; the client talks to the master service of the parameter server.
 */
public record ClusterSpec(HostPort parameterServer, List<HostPort> workers) {
    public static final String PS_JOB = "ps";
    public static final String WORKER_JOB = "worker";

    public ClusterSpec {
        if (parameterServer == null) {
            throw new IllegalArgumentException("parameterServer: expected host:port of the parameter server");
        }
        if (workers == null || workers.isEmpty()) {
            throw new IllegalArgumentException("workers: expected at least one worker host:port");
        }
        workers = List.copyOf(workers);
        Set<HostPort> seen = new HashSet<>();
        seen.add(parameterServer);
        for (HostPort w : workers) {
            if (!seen.add(w)) {
                throw new IllegalArgumentException("workers: " + w + " is listed twice (each task needs its own host:port)");
            }
        }
    }

    /** A cluster on 127.0.0.1 at these ports: the parameter server's, then one per worker. */
    public static ClusterSpec loopback(int psPort, List<Integer> workerPorts) {
        List<HostPort> ws = new ArrayList<>();
        for (int p : workerPorts) {
            ws.add(new HostPort("127.0.0.1", p));
        }
        return new ClusterSpec(new HostPort("127.0.0.1", psPort), ws);
    }

    public int workerCount() {
        return workers.size();
    }

    /** The address of {@code job}'s task {@code task}. */
    public HostPort address(String job, int task) {
        checkTask(job, task);
        return job.equals(PS_JOB) ? parameterServer : workers.get(task);
    }

    /** TensorFlow's device name of a task, e.g. {@code /job:worker/task:1}. */
    public static String device(String job, int task) {
        return "/job:" + job + "/task:" + task;
    }

    /** The serialized {@code tensorflow.ServerDef} that starts {@code job}'s task {@code task} of this cluster. */
    public byte[] serverDef(String job, int task) {
        checkTask(job, task);
        JobDef.Builder ps = JobDef.newBuilder().setName(PS_JOB).putTasks(0, parameterServer.toString());
        JobDef.Builder worker = JobDef.newBuilder().setName(WORKER_JOB);
        for (int i = 0; i < workers.size(); i++) {
            worker.putTasks(i, workers.get(i).toString());
        }
        return ServerDef.newBuilder()
                .setCluster(ClusterDef.newBuilder().addJob(ps).addJob(worker))
                .setJobName(job)
                .setTaskIndex(task)
                .setProtocol("grpc")
                .build()
                .toByteArray();
    }

    private void checkTask(String job, int task) {
        if (PS_JOB.equals(job)) {
            if (task != 0) {
                throw new IllegalArgumentException("task: the ps job has one task, 0; got " + task);
            }
        } else if (WORKER_JOB.equals(job)) {
            if (task < 0 || task >= workers.size()) {
                throw new IllegalArgumentException("task: worker tasks are 0.." + (workers.size() - 1) + ", got " + task);
            }
        } else {
            throw new IllegalArgumentException("job: expected '" + PS_JOB + "' or '" + WORKER_JOB + "', got '" + job + "'");
        }
    }
}
