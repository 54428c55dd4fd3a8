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
import io.wharf.node.node.api.ConnectAgentCommand;
import io.wharf.node.node.api.ConnectOutcome;
import io.wharf.node.node.api.DisconnectAgentCommand;
import java.time.Clock;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The server side of {@code wharf.agent.v1.AgentService/Connect}: checks the token (through the Node
 * aggregate), claims the node in the connection registry (one connection per node across replicas),
 * exchanges an install token for a node token, then keeps the session until either side ends it.
 */
@Component
class AgentConnectService extends AgentServiceGrpc.AgentServiceImplBase {

    static final String PROTOCOL_VERSION = "1";
    private static final Logger log = LoggerFactory.getLogger(AgentConnectService.class);

    private final CommandGateway commands;
    private final ConnectionRegistry registry;
    private final LocalAgents local;
    private final InstallStore installs;
    private final NodeProperties properties;
    private final ReplicaIdentity replica;
    private final ReplicaClient replicas;
    private final Clock clock;

    AgentConnectService(CommandGateway commands, ConnectionRegistry registry, LocalAgents local, InstallStore installs,
                        NodeProperties properties, ReplicaIdentity replica, ReplicaClient replicas, Clock clock) {
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
        return new StreamObserver<>() {
            private AgentSession session;
            private boolean refused;

            @Override
            public synchronized void onNext(AgentMessage message) {
                if (refused) {
                    return;
                }
                if (session == null) {
                    if (!message.hasHello()) {
                        refuse(Status.FAILED_PRECONDITION.withDescription("The first message must be Hello."));
                        return;
                    }
                    try {
                        session = open(message.getHello(), token, address, out);
                    } catch (StatusRuntimeException e) {
                        refuse(e.getStatus());
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
                out.onError(status.asRuntimeException());
            }

            @Override
            public void onError(Throwable t) {
                end("lost");
            }

            @Override
            public void onCompleted() {
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
        String connectionId = UUID.randomUUID().toString();
        boolean outdated = AgentCompatibility.outdated(hello.getAgentVersion(), properties.agentVersion());
        ConnectionRegistry.Claim claim = registry.claim(nodeId, connectionId, replica.id(), replica.url(),
                properties.leaseTtl());
        if (!claim.granted()) {
            throw Status.ALREADY_EXISTS.withDescription("Another agent is connected for this node.").asRuntimeException();
        }
        String nodeToken = presented.install() ? AgentTokens.newNodeToken(nodeId) : null;
        ConnectOutcome outcome;
        try {
            outcome = commands.sendAndWait(new ConnectAgentCommand(nodeId, connectionId, AgentTokens.hash(token),
                    presented.install(), nodeToken == null ? null : AgentTokens.hash(nodeToken), hello.getAgentVersion(),
                    outdated, hello.getPublicKey(), address, replica.id(),
                    claim.replacedReplicaUrl() == null ? claim.replaced() : null, clock.instant()));
        } catch (RuntimeException e) {
            registry.release(nodeId, connectionId);
            log.info("Agent connect for unknown node {} refused", nodeId);
            throw Status.UNAUTHENTICATED.withDescription("Invalid agent token.").asRuntimeException();
        }
        if (outcome == ConnectOutcome.REFUSED) {
            registry.release(nodeId, connectionId);
            log.info("Agent connect for node {} refused: invalid token", nodeId);
            throw Status.UNAUTHENTICATED.withDescription("Invalid agent token.").asRuntimeException();
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

    private void closed(AgentSession session, String reason) {
        session.ended();
        local.remove(session);
        registry.release(session.nodeId(), session.connectionId());
        try {
            commands.sendAndWait(new DisconnectAgentCommand(session.nodeId(), session.connectionId(), reason,
                    clock.instant()));
        } catch (RuntimeException e) {
            // a deleted node has no aggregate left to record it
            log.debug("Disconnect of node {} not recorded: {}", session.nodeId(), e.toString());
        }
        log.info("Agent of node {} left ({})", session.nodeId(), reason);
    }
}
