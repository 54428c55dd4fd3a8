package io.wharf.node.agent;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.wharf.agent.protocol.v1.AgentMessage;
import io.wharf.agent.protocol.v1.AgentServiceGrpc;
import io.wharf.agent.protocol.v1.Close;
import io.wharf.agent.protocol.v1.Hello;
import io.wharf.agent.protocol.v1.ServerMessage;
import io.wharf.agent.protocol.v1.Welcome;
import io.wharf.node.config.NodeProperties;
import io.wharf.node.config.ReplicaIdentity;
import io.wharf.node.install.InstallStore;
import io.wharf.node.node.api.AgentCheck;
import io.wharf.node.node.api.CheckAgentCommand;
import io.wharf.node.node.api.ConnectAgentCommand;
import io.wharf.node.node.api.ConnectOutcome;
import io.wharf.node.node.api.DisconnectAgentCommand;
import io.wharf.node.node.api.AgentCheckResult;
import io.wharf.node.node.api.RecordAgentRefusalCommand;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The server side of {@code wharf.agent.v1.AgentService/Connect}: checks the token and the Hello
 * (through the Node aggregate, which audits refusals), only then claims the node in the connection
 * registry (one connection per node across replicas), exchanges an install token for a node token,
 * then keeps the session until either side ends it. Statuses: UNAUTHENTICATED bad token or unknown
 * node (the agent stops), FAILED_PRECONDITION unsupported protocol, INVALID_ARGUMENT unusable public
 * key, ALREADY_EXISTS another connection holds the node, UNAVAILABLE a transient server error.
 */
@Component
class AgentConnectService extends AgentServiceGrpc.AgentServiceImplBase {

    static final String PROTOCOL_VERSION = "1";
    /** How long a step of the connect may wait for the aggregate before the agent is told to retry. */
    static final Duration STEP_TIMEOUT = Duration.ofSeconds(10);
    /** Refusals that cost the address a token of its bucket (not the server's own trouble, not ALREADY_EXISTS). */
    static final Set<Status.Code> COUNTED_REFUSALS = EnumSet.of(Status.Code.UNAUTHENTICATED,
            Status.Code.FAILED_PRECONDITION, Status.Code.INVALID_ARGUMENT, Status.Code.DEADLINE_EXCEEDED);
    private static final Logger log = LoggerFactory.getLogger(AgentConnectService.class);

    private final CommandGateway commands;
    private final ConnectionRegistry registry;
    private final LocalAgents local;
    private final InstallStore installs;
    private final NodeProperties properties;
    private final ReplicaIdentity replica;
    private final ReplicaClient replicas;
    private final Clock clock;
    private final RefusalThrottle refusals;
    private final FailedConnectLimiter limiter;
    /** Ends streams that send no Hello in time. */
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "agent-hello-deadlines");
        t.setDaemon(true);
        return t;
    });

    AgentConnectService(CommandGateway commands, ConnectionRegistry registry, LocalAgents local, InstallStore installs,
                        NodeProperties properties, ReplicaIdentity replica, ReplicaClient replicas, Clock clock,
                        RefusalThrottle refusals, FailedConnectLimiter limiter) {
        this.refusals = refusals;
        this.limiter = limiter;
        this.commands = commands;
        this.registry = registry;
        this.local = local;
        this.installs = installs;
        this.properties = properties;
        this.replica = replica;
        this.replicas = replicas;
        this.clock = clock;
    }

    @Override
    public StreamObserver<AgentMessage> connect(StreamObserver<ServerMessage> out) {
        String token = AgentCredentials.TOKEN_KEY.get();
        String address = AgentCredentials.ADDRESS_KEY.get();
        if (!limiter.allowed(address)) {
            // too many refused connects from this address: nothing is looked up, the agent backs off
            out.onError(Status.RESOURCE_EXHAUSTED.withDescription("Too many refused connects from this address; "
                    + "retry later.").asRuntimeException());
            return new StreamObserver<>() {
                @Override
                public void onNext(AgentMessage message) {
                }

                @Override
                public void onError(Throwable t) {
                }

                @Override
                public void onCompleted() {
                }
            };
        }
        return new StreamObserver<>() {
            private AgentSession session;
            private boolean refused;
            private final ScheduledFuture<?> helloDeadline = deadlines.schedule(this::noHello,
                    properties.grpc().helloTimeout().toMillis(), TimeUnit.MILLISECONDS);

            private synchronized void noHello() {
                if (session == null && !refused) {
                    log.info("Agent stream from {} ended: no Hello within {}", address, properties.grpc().helloTimeout());
                    refuse(Status.DEADLINE_EXCEEDED.withDescription("No Hello within "
                            + properties.grpc().helloTimeout().toSeconds() + " s."));
                }
            }

            @Override
            public synchronized void onNext(AgentMessage message) {
                if (refused) {
                    return;
                }
                if (session == null) {
                    helloDeadline.cancel(false);
                    if (!message.hasHello()) {
                        refuse(Status.FAILED_PRECONDITION.withDescription("The first message must be Hello."));
                        return;
                    }
                    try {
                        session = open(message.getHello(), token, address, out);
                    } catch (StatusRuntimeException e) {
                        refuse(e.getStatus());
                    } catch (RuntimeException e) {
                        refuse(statusOf(e));
                    }
                    return;
                }
                switch (message.getBodyCase()) {
                    case RESULT -> session.answered(message.getResult());
                    case STATES -> session.reported(message.getStates());
                    default -> { } // heartbeats only prove the stream is alive
                }
            }

            private void refuse(Status status) {
                refused = true;
                if (COUNTED_REFUSALS.contains(status.getCode())) {
                    limiter.failed(address);
                }
                try {
                    out.onError(status.asRuntimeException());
                } catch (RuntimeException closedAlready) {
                    // a kick completed the call meanwhile
                }
            }

            @Override
            public void onError(Throwable t) {
                helloDeadline.cancel(false);
                end("lost");
            }

            @Override
            public void onCompleted() {
                helloDeadline.cancel(false);
                end("closed");
                try {
                    out.onCompleted();
                } catch (RuntimeException ignored) {
                    // the server side was completed already (kick)
                }
            }

            private synchronized void end(String reason) {
                if (session != null) {
                    AgentSession ended = session;
                    session = null;
                    closed(ended, reason);
                }
            }
        };
    }

    private AgentSession open(Hello hello, String token, String address, StreamObserver<ServerMessage> out) {
        AgentTokens.Presented presented = AgentTokens.parse(token).orElseThrow(() ->
                Status.UNAUTHENTICATED.withDescription("Missing or malformed agent token.").asRuntimeException());
        String nodeId = presented.nodeId();
        String tokenHash = AgentTokens.hash(token);
        // The token first: a wrong token must learn nothing about the node's connection (no
        // ALREADY_EXISTS oracle) and must never touch the registry entry of the real agent.
        Status helloRefusal = HelloCheck.refusal(hello);
        AgentCheckResult check = send(new CheckAgentCommand(nodeId, tokenHash, presented.install(),
                helloRefusal == null ? null : helloRefusal.getDescription(), address, clock.instant()));
        if (check.check() == AgentCheck.BAD_TOKEN) {
            log.info("Agent connect for node {} refused: invalid token", nodeId);
            recordRefusal(nodeId, check.refusal(), address);
            throw invalidToken();
        }
        if (check.check() == AgentCheck.REFUSED) {
            log.info("Agent connect for node {} refused: {}", nodeId, helloRefusal.getDescription());
            recordRefusal(nodeId, check.refusal(), address);
            throw helloRefusal.asRuntimeException();
        }
        String connectionId = UUID.randomUUID().toString();
        boolean outdated = AgentCompatibility.outdated(hello.getAgentVersion(), properties.agentVersion());
        ConnectionRegistry.Claim claim = unavailableOnFailure(() -> registry.claim(nodeId, connectionId, replica.id(),
                replica.url(), properties.leaseTtl()));
        if (!claim.granted()) {
            throw Status.ALREADY_EXISTS.withDescription("Another agent is connected for this node.").asRuntimeException();
        }
        String nodeToken = presented.install() ? AgentTokens.newNodeToken(nodeId) : null;
        ConnectOutcome outcome;
        try {
            outcome = send(new ConnectAgentCommand(nodeId, connectionId, tokenHash,
                    presented.install(), nodeToken == null ? null : AgentTokens.hash(nodeToken), hello.getAgentVersion(),
                    outdated, hello.getPublicKey(), address, replica.id(),
                    claim.replacedReplicaUrl() == null ? claim.replaced() : null, clock.instant()));
        } catch (StatusRuntimeException e) {
            releaseQuietly(nodeId, connectionId);
            throw e;
        }
        if (outcome == ConnectOutcome.REFUSED) {
            // the token was used or revoked between the check and the claim
            releaseQuietly(nodeId, connectionId);
            log.info("Agent connect for node {} refused: invalid token", nodeId);
            throw invalidToken();
        }
        if (claim.replacedReplicaUrl() != null) {
            replicas.kick(claim.replacedReplicaUrl(), nodeId, Close.Reason.REPLACED);
        }
        if (outcome == ConnectOutcome.TOKEN_EXCHANGED) {
            installs.remove(nodeId);
        }
        AgentSession session = new AgentSession(nodeId, connectionId, outdated, out);
        local.of(nodeId).ifPresent(old -> old.close(Close.Reason.REPLACED, "An updated agent took over."));
        local.put(session);
        if (!unavailableOnFailure(() -> registry.owns(nodeId, connectionId))) {
            // revoked or deleted (the kick removed the entry) between the claim and now, before the kick
            // could see this session: it must not stay open; a retry meets the aggregate's verdict
            closed(session, "lost");
            throw Status.UNAVAILABLE.withDescription("The connection was withdrawn while connecting; retry.")
                    .asRuntimeException();
        }
        Welcome.Builder welcome = Welcome.newBuilder().setNodeId(nodeId).setOutdated(outdated)
                .setServerVersion(PROTOCOL_VERSION)
                .setHeartbeatSeconds((int) Math.max(1, properties.heartbeat().toSeconds()));
        if (nodeToken != null) {
            welcome.setNodeToken(nodeToken);
        }
        try {
            synchronized (out) {
                out.onNext(ServerMessage.newBuilder().setWelcome(welcome).build());
            }
        } catch (RuntimeException gone) {
            // the agent left between Hello and Welcome: undo the connection at once
            closed(session, "lost");
            throw Status.UNAVAILABLE.withDescription("The agent left while connecting.").asRuntimeException();
        }
        log.info("Agent of node {} connected (version {}, outdated {}, connection {})", nodeId,
                hello.getAgentVersion(), outdated, connectionId);
        return session;
    }

    private <R> R send(Object command) {
        // bounded: a stuck command bus must not hold the agent's stream (and its thread) forever
        return unavailableOnFailure(() -> {
            R result = commands.sendAndWait(command, STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (result == null) {
                throw new IllegalStateException("No answer within " + STEP_TIMEOUT);
            }
            return result;
        });
    }

    /** The audit's {@code refused}, coalesced per node and reason ({@link RefusalThrottle}); best effort. */
    private void recordRefusal(String nodeId, String reason, String address) {
        try {
            OptionalInt count = refusals.admit(nodeId, reason);
            if (count.isPresent()) {
                commands.sendAndWait(new RecordAgentRefusalCommand(nodeId, reason, address, count.getAsInt(),
                        clock.instant()), STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (RuntimeException e) {
            log.warn("Refused connect of node {} not recorded: {}", nodeId, e.toString());
        }
    }

    private void releaseQuietly(String nodeId, String connectionId) {
        try {
            registry.release(nodeId, connectionId);
        } catch (RuntimeException e) {
            // the lease runs out on its own
            log.warn("Could not release the claim of node {}: {}", nodeId, e.toString());
        }
    }

    private static StatusRuntimeException invalidToken() {
        return Status.UNAUTHENTICATED.withDescription("Invalid agent token.").asRuntimeException();
    }

    /** Runs a step of the connect; its failure becomes the status the agent gets (see {@link #statusOf}). */
    private static <R> R unavailableOnFailure(java.util.function.Supplier<R> step) {
        try {
            return step.get();
        } catch (StatusRuntimeException e) {
            throw e;
        } catch (RuntimeException e) {
            Status status = statusOf(e);
            if (status.getCode() == Status.Code.UNAVAILABLE) {
                log.warn("Agent connect failed on a server error (the agent retries): {}", e.toString());
            }
            throw status.asRuntimeException();
        }
    }

    /**
     * UNAUTHENTICATED (the agent stops for good) only when the node does not exist or was deleted;
     * every other failure (Mongo timeout, concurrent modification, ...) is transient: UNAVAILABLE,
     * and the agent retries with its backoff.
     */
    static Status statusOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AggregateNotFoundException) {
                return Status.UNAUTHENTICATED.withDescription("Invalid agent token.");
            }
        }
        return Status.UNAVAILABLE.withDescription("The server could not check the agent now; retry.");
    }

    /**
     * This replica stops: tells every agent (they reconnect with backoff, to any replica) and records
     * the disconnects now, so the nodes are free at once instead of after the lease runs out.
     */
    void closeAll() {
        for (AgentSession session : local.all()) {
            session.close(Close.Reason.SHUTDOWN, "The server stops; reconnect.");
            closed(session, "closed");
        }
    }

    /**
     * Closes a session this replica no longer owns in the registry (revoked, deleted, replaced on
     * another replica, or its lease given up): the agent is told, the connection recorded as left.
     */
    void drop(AgentSession session, Close.Reason reason, String message) {
        session.close(reason, message);
        closed(session, "lost");
    }

    private void closed(AgentSession session, String reason) {
        session.ended();
        local.remove(session);
        registry.release(session.nodeId(), session.connectionId());
        try {
            commands.sendAndWait(new DisconnectAgentCommand(session.nodeId(), session.connectionId(), reason,
                    clock.instant()), STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            // a deleted node has no aggregate left to record it
            log.debug("Disconnect of node {} not recorded: {}", session.nodeId(), e.toString());
        }
        log.info("Agent of node {} left ({})", session.nodeId(), reason);
    }
}
