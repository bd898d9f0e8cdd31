package org.arturo.training.distributed;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.arturo.tf.kernel.NativeKernel;
import org.tensorflow.Server;

/**
 * Starts one task of a {@link ClusterSpec} in this process: TensorFlow's gRPC server (worker and master
 * services) for {@code /job:<job>/task:<task>}. TensorFlow 1.15's Java {@code Server} cannot be stopped
 * ({@code stop()} is unsupported), so a task lives as long as its process: the launcher runs each task
 * as a process of its own.
 */
public final class ClusterTask {
    private ClusterTask() {
    }

    /**
     * Runs one task until the process is stopped:
     * {@code ClusterTask <ps|worker> <task> <ps host:port> <worker host:port,...>}. Every host of a
     * cluster runs its tasks this way (or through the samples' {@code data-parallel-task} command).
     */
    public static void main(String[] args) throws InterruptedException {
        if (args.length != 4) {
            System.err.println("usage: ClusterTask <ps|worker> <task> <ps host:port> <worker host:port,...>");
            System.exit(2);
        }
        List<HostPort> workers = new ArrayList<>();
        for (String w : args[3].split(",")) {
            workers.add(HostPort.parse(w.trim()));
        }
        ClusterSpec cluster = new ClusterSpec(HostPort.parse(args[2]), workers);
        try {
            start(cluster, args[0], Integer.parseInt(args[1])).join();
        } catch (DistributedException | IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * Starts the task and returns at once; the server serves until the process exits. The native arTuRO
     * op is registered first where it loads, because the master places steps built with it on this
     * task (docs/scaling.md, "Kernels").
     */
    public static Server start(ClusterSpec cluster, String job, int task) {
        HostPort address = cluster.address(job, task);
        requireFree(address, ClusterSpec.device(job, task));
        NativeKernel.load();
        Server server = new Server(cluster.serverDef(job, task));
        server.start();
        return server;
    }

    /**
     * Fails with a clear message when {@code address}'s port is already taken on this host. TensorFlow's
     * own server would log the bind failure and abort the process, so the check comes first.
     */
    public static void requireFree(HostPort address, String task) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(bindAddress(address), address.port()));
        } catch (IOException e) {
            throw new DistributedException("port " + address.port() + " for " + task + " (" + address
                    + ") is already in use or cannot be bound: " + e.getMessage()
                    + "; stop the process holding it or choose another port");
        }
    }

    /** Binds the wildcard address unless the task's host is this machine's loopback. */
    private static InetAddress bindAddress(HostPort address) throws IOException {
        InetAddress a = InetAddress.getByName(address.host());
        return a.isLoopbackAddress() ? a : null;
    }

    /** A port that was free on 127.0.0.1 a moment ago, for loopback clusters. */
    public static int freeLoopbackPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new DistributedException("no free port on 127.0.0.1: " + e.getMessage(), e);
        }
    }
}
