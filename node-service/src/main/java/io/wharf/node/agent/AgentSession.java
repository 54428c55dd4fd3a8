package io.wharf.node.agent;

import io.grpc.stub.StreamObserver;
import io.wharf.agent.protocol.v1.Close;
import io.wharf.agent.protocol.v1.Command;
import io.wharf.agent.protocol.v1.CommandResult;
import io.wharf.agent.protocol.v1.ContainerStates;
import io.wharf.agent.protocol.v1.Heartbeat;
import io.wharf.agent.protocol.v1.ServerMessage;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One agent's open stream on this replica: sends commands and matches the agent's results to them by
 * request id. gRPC stream observers are not thread-safe, so every send is synchronized.
 */
final class AgentSession {

    private final String nodeId;
    private final String connectionId;
    private final boolean outdated;
    private final StreamObserver<ServerMessage> out;
    private final Map<String, CompletableFuture<CommandResult>> pending = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile ContainerStates lastStates = ContainerStates.getDefaultInstance();

    AgentSession(String nodeId, String connectionId, boolean outdated, StreamObserver<ServerMessage> out) {
        this.nodeId = nodeId;
        this.connectionId = connectionId;
        this.outdated = outdated;
        this.out = out;
    }

    String nodeId() {
        return nodeId;
    }

    String connectionId() {
        return connectionId;
    }

    boolean outdated() {
        return outdated;
    }

    boolean isClosed() {
        return closed.get();
    }

    ContainerStates lastStates() {
        return lastStates;
    }

    void reported(ContainerStates states) {
        lastStates = states;
    }

    /** Sends the command; the future completes with the agent's result, or fails when the stream ends. */
    CompletableFuture<CommandResult> send(Command.Builder command) {
        String requestId = UUID.randomUUID().toString();
        CompletableFuture<CommandResult> result = new CompletableFuture<>();
        pending.put(requestId, result);
        result.whenComplete((r, e) -> pending.remove(requestId));
        if (closed.get()) {
            result.completeExceptionally(new AgentGoneException());
            return result;
        }
        try {
            send(ServerMessage.newBuilder().setCommand(command.setRequestId(requestId)).build());
        } catch (RuntimeException e) {
            result.completeExceptionally(new AgentGoneException());
        }
        return result;
    }

    void answered(CommandResult result) {
        CompletableFuture<CommandResult> waiting = pending.get(result.getRequestId());
        if (waiting != null) {
            waiting.complete(result);
        }
    }

    void heartbeat() {
        if (!closed.get()) {
            try {
                send(ServerMessage.newBuilder().setHeartbeat(Heartbeat.newBuilder()
                        .setSentAtMillis(System.currentTimeMillis())).build());
            } catch (RuntimeException ignored) {
                // the stream is going away; its own callbacks clean up
            }
        }
    }

    /** Tells the agent why, then ends the call from the server side. */
    void close(Close.Reason reason, String message) {
        if (closed.compareAndSet(false, true)) {
            try {
                send(ServerMessage.newBuilder().setClose(Close.newBuilder().setReason(reason).setMessage(message)).build());
                synchronized (out) {
                    out.onCompleted();
                }
            } catch (RuntimeException ignored) {
                // already broken
            }
            failPending();
        }
    }

    /** The stream ended from the agent's side or broke. */
    void ended() {
        closed.set(true);
        failPending();
    }

    private void failPending() {
        pending.values().forEach(f -> f.completeExceptionally(new AgentGoneException()));
    }

    private void send(ServerMessage message) {
        synchronized (out) {
            out.onNext(message);
        }
    }

    /** The agent disconnected before it answered. */
    static final class AgentGoneException extends RuntimeException {
        AgentGoneException() {
            super("The agent disconnected.", null, false, false);
        }
    }
}
