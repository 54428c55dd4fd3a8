package io.wharf.node.agent;

import io.wharf.agent.protocol.v1.Close;
import io.wharf.agent.protocol.v1.Command;
import io.wharf.agent.protocol.v1.CommandResult;
import io.wharf.common.error.PreconditionFailedException;
import io.wharf.common.error.ServiceUnavailableException;
import io.wharf.node.config.NodeProperties;
import io.wharf.node.config.ReplicaIdentity;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Component;

/**
 * Work for a node's agent, from any replica (DESIGN §5): the local session when this replica holds
 * the agent, else the holding replica from the connection registry; no holder → 412 "Node is
 * unreachable" at once; no answer within the timeout, or the agent left mid-operation → 503.
 */
@Component
public class AgentDispatcher {

    private final LocalAgents local;
    private final ConnectionRegistry registry;
    private final ReplicaClient replicas;
    private final ReplicaIdentity replica;
    private final NodeProperties properties;

    AgentDispatcher(LocalAgents local, ConnectionRegistry registry, ReplicaClient replicas, ReplicaIdentity replica,
                    NodeProperties properties) {
        this.local = local;
        this.registry = registry;
        this.replicas = replicas;
        this.replica = replica;
        this.properties = properties;
    }

    public CommandResult send(String nodeId, Command.Builder command) {
        Duration timeout = properties.commandTimeout();
        if (local.of(nodeId).isPresent()) {
            return sendLocal(nodeId, command, timeout);
        }
        ConnectionRegistry.Entry holder = registry.live(nodeId)
                .filter(e -> !e.replicaId().equals(replica.id()))
                .orElseThrow(AgentDispatcher::unreachable);
        return replicas.send(holder.replicaUrl(), nodeId, command, timeout);
    }

    /** Whether some replica holds a live connection of the node. */
    public boolean connected(String nodeId) {
        return local.of(nodeId).isPresent() || registry.live(nodeId).isPresent();
    }

    CommandResult sendLocal(String nodeId, Command.Builder command, Duration timeout) {
        AgentSession session = local.of(nodeId).orElseThrow(AgentDispatcher::unreachable);
        if (session.outdated() && !command.hasUpdate()) {
            throw new PreconditionFailedException("Node is outdated.", "nodeId", "Update the node's agent first.");
        }
        try {
            return session.send(command).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ServiceUnavailableException("The agent did not answer in time.", 5);
        } catch (ExecutionException e) {
            throw new ServiceUnavailableException("The agent disconnected before it answered.", 5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnavailableException("Interrupted while waiting for the agent.", 5);
        }
    }

    /** Marks the node as updating until the deadline: only then may a new agent replace the current connection. */
    public void updatingUntil(String nodeId, java.time.Instant deadline) {
        registry.markUpdating(nodeId, deadline);
    }

    /** The update ended without a successor (the agent refused it). */
    public void updateEnded(String nodeId) {
        registry.clearUpdating(nodeId);
    }

    /**
     * Closes the node's connection wherever it is held (revoke, delete). The registry entry goes first:
     * whatever happens next, no replica routes to the connection any more, and when the holding replica
     * cannot be reached its lease keeper closes the session at its next heartbeat (it no longer owns an
     * entry); a connect racing with this finds its entry gone right after it registered its session.
     */
    public void kick(String nodeId, Close.Reason reason) {
        java.util.Optional<ConnectionRegistry.Entry> removed = registry.remove(nodeId);
        if (!kickLocal(nodeId, reason)) {
            removed.filter(e -> !e.replicaId().equals(replica.id()))
                    .ifPresent(e -> replicas.kick(e.replicaUrl(), nodeId, reason));
        }
    }

    boolean kickLocal(String nodeId, Close.Reason reason) {
        return local.of(nodeId).map(session -> {
            session.close(reason, switch (reason) {
                case TOKEN_REVOKED -> "The node's token was revoked.";
                case NODE_DELETED -> "The node was deleted.";
                case REPLACED -> "An updated agent took over.";
                default -> "The server closed the connection.";
            });
            local.remove(session);
            registry.release(nodeId, session.connectionId());
            return true;
        }).orElse(false);
    }

    private static PreconditionFailedException unreachable() {
        return new PreconditionFailedException("Node is unreachable.", "nodeId", "Start the node's agent first.");
    }
}
