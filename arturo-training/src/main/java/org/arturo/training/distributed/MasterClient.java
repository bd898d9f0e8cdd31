package org.arturo.training.distributed;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.arturo.training.distributed.proto.CloseSessionRequest;
import org.arturo.training.distributed.proto.CreateSessionRequest;
import org.arturo.training.distributed.proto.MasterServiceGrpc;
import org.arturo.training.distributed.proto.NamedTensor;
import org.arturo.training.distributed.proto.RunStepRequest;
import org.arturo.training.distributed.proto.RunStepResponse;
import org.tensorflow.framework.ConfigProto;
import org.tensorflow.framework.GraphDef;
import org.tensorflow.framework.RunOptions;

/**
 * A client of the master service that every TensorFlow server runs ({@code tensorflow.MasterService}),
 * the route a TensorFlow 1.x client takes to a cluster: CreateSession with the GraphDef, RunStep with
 * feeds, fetches and targets, CloseSession. TensorFlow Java 1.15's own {@code Session} cannot open a
 * session on a cluster (its native constructor ignores the target), hence this client.
 */
public final class MasterClient implements AutoCloseable {
    private static final Duration RETRY_PAUSE = Duration.ofMillis(200);

    private final HostPort master;
    private final ManagedChannel channel;
    private final MasterServiceGrpc.MasterServiceBlockingStub stub;

    public MasterClient(HostPort master) {
        this.master = master;
        this.channel = ManagedChannelBuilder.forAddress(master.host(), master.port())
                .usePlaintext()
                .maxInboundMessageSize(Integer.MAX_VALUE)
                .build();
        this.stub = MasterServiceGrpc.newBlockingStub(channel);
    }

    /**
     * Creates a session on the cluster with {@code graph} (devices already placed). The master waits for
     * every task of the cluster; a master that is not up yet is retried. Either ends by {@code timeout}:
     * a cluster that has not started by then is an error that names the master.
     */
    public String createSession(GraphDef graph, ConfigProto config, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        CreateSessionRequest request = CreateSessionRequest.newBuilder()
                .setGraphDef(graph.toByteString())
                .setConfig(config.toByteString())
                .build();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw notStarted(timeout, null);
            }
            try {
                return stub.withDeadlineAfter(left, TimeUnit.NANOSECONDS).createSession(request).getSessionHandle();
            } catch (StatusRuntimeException e) {
                Status.Code code = e.getStatus().getCode();
                if (code == Status.Code.DEADLINE_EXCEEDED) {
                    throw notStarted(timeout, e);
                }
                if (code != Status.Code.UNAVAILABLE) {
                    throw new DistributedException("the master at " + master + " refused the session: " + describe(e), e);
                }
                sleep(Math.min(RETRY_PAUSE.toNanos(), Math.max(0, deadline - System.nanoTime())));
            }
        }
    }

    /** One step: feeds by tensor name ({@code op:0}), fetches by tensor name, targets by op name. */
    public List<HostTensor> runStep(String session, Map<String, HostTensor> feeds, List<String> fetches,
                                    List<String> targets, Duration timeout) {
        RunStepRequest.Builder request = RunStepRequest.newBuilder()
                .setSessionHandle(session)
                .addAllFetch(fetches)
                .addAllTarget(targets)
                // The runtime's own step timeout; the RPC deadline below only backs it up.
                .setOptions(RunOptions.newBuilder().setTimeoutInMs(timeout.toMillis()).build().toByteString());
        feeds.forEach((name, t) -> request.addFeed(NamedTensor.newBuilder().setName(name).setTensor(TensorProtos.encode(t))));
        RunStepResponse response;
        try {
            response = stub.withDeadlineAfter(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS).runStep(request.build());
        } catch (StatusRuntimeException e) {
            throw new DistributedException("a step on the cluster failed (master " + master + "): " + describe(e)
                    + "; a task of the cluster may have died or become unreachable, so the run stops here", e);
        }
        List<HostTensor> out = new ArrayList<>(fetches.size());
        for (String name : fetches) {
            out.add(TensorProtos.decode(name, find(response, name)));
        }
        return out;
    }

    /** Closes the session; its state (with isolated session state, its variables) is released. */
    public void closeSession(String session) {
        try {
            stub.withDeadlineAfter(10, TimeUnit.SECONDS)
                    .closeSession(CloseSessionRequest.newBuilder().setSessionHandle(session).build());
        } catch (StatusRuntimeException e) {
            // The cluster is going away; nothing of the session is left to save.
        }
    }

    @Override
    public void close() {
        channel.shutdownNow();
        try {
            channel.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private DistributedException notStarted(Duration timeout, Throwable cause) {
        return new DistributedException("the cluster did not start within " + timeout.toSeconds()
                + " s: the master at " + master + " (/job:ps/task:0) or one of the workers it waits for is not"
                + " reachable; check that every task is running and that the host:port lists agree", cause);
    }

    private static com.google.protobuf.ByteString find(RunStepResponse response, String name) {
        for (NamedTensor t : response.getTensorList()) {
            if (t.getName().equals(name)) {
                return t.getTensor();
            }
        }
        throw new DistributedException("the master returned no tensor '" + name + "'");
    }

    private static String describe(StatusRuntimeException e) {
        Status s = e.getStatus();
        return s.getCode() + (s.getDescription() == null ? "" : ": " + s.getDescription());
    }

    private static void sleep(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DistributedException("interrupted while waiting for the cluster", e);
        }
    }
}
