package io.wharf.node.node.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import io.wharf.common.error.ConflictException;
import io.wharf.common.error.NotFoundException;
import io.wharf.common.error.PreconditionFailedException;
import io.wharf.common.events.node.AgentConnectedEvent;
import io.wharf.common.events.node.AgentDisconnectedEvent;
import io.wharf.common.events.node.AgentKickedEvent;
import io.wharf.common.events.node.AgentUpdateAbortedEvent;
import io.wharf.common.events.node.AgentUpdateRequestedEvent;
import io.wharf.common.events.node.ContainerCommandRecordedEvent;
import io.wharf.common.events.node.NodeCreatedEvent;
import io.wharf.common.events.node.NodeDeletedEvent;
import io.wharf.common.events.node.NodeEditedEvent;
import io.wharf.common.events.node.NodeTokenRevokedEvent;
import io.wharf.node.node.api.AbortAgentUpdateCommand;
import io.wharf.node.node.api.AgentCheck;
import io.wharf.node.node.api.AgentCheckResult;
import io.wharf.node.node.api.RecordAgentRefusalCommand;
import io.wharf.node.node.api.CheckAgentCommand;
import io.wharf.node.node.api.AgentConnectionRefusedEvent;
import io.wharf.node.node.api.ConnectAgentCommand;
import io.wharf.node.node.api.ConnectOutcome;
import io.wharf.node.node.api.CreateNodeCommand;
import io.wharf.node.node.api.DeleteNodeCommand;
import io.wharf.node.node.api.DiscardInstallScriptCommand;
import io.wharf.node.node.api.DisconnectAgentCommand;
import io.wharf.node.node.api.EditNodeCommand;
import io.wharf.node.node.api.GenerateInstallScriptCommand;
import io.wharf.node.node.api.InstallScriptDiscardedEvent;
import io.wharf.node.node.api.InstallScriptGeneratedEvent;
import io.wharf.node.node.api.MarkNodeUsageCommand;
import io.wharf.node.node.api.NodeTokenIssuedEvent;
import io.wharf.node.node.api.NodeUsageChangedEvent;
import io.wharf.node.node.api.RecordContainerCommandCommand;
import io.wharf.node.node.api.RequestAgentUpdateCommand;
import io.wharf.node.node.api.RevokeNodeTokenCommand;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A node of a team (SPEC §4) and the facts of its agent's connection. The aggregate owns the token
 * rules (install token once and for 10 minutes, node token until revoked; only hashes are kept) and
 * the node's state rules (in use, connected, updating). The single-connection rule spans replicas
 * and lives in the connection registry: a connect is first checked here (CheckAgentCommand), then
 * claims the registry, then connects here (ConnectAgentCommand).
 */
@Aggregate
class Node {

    static final String NOT_FOUND = "Node not found.";
    static final Duration UPDATE_TIMEOUT = Duration.ofMinutes(5);

    @AggregateIdentifier
    private String nodeId;
    private String teamId;
    private boolean inUse;
    private String installTokenHash;
    private Instant installExpireAt;
    private String nodeTokenHash;
    private String connectionId;
    private String agentVersion;
    private Instant updateDeadline;
    private long installSerial;

    Node() {
        // for Axon
    }

    @CommandHandler
    Node(CreateNodeCommand command) {
        NodeRules.checkDetails(command.name(), command.description(), command.icon());
        apply(new NodeCreatedEvent(command.nodeId(), command.teamId(), command.name().trim(), command.description(),
                command.icon(), command.userId(), command.at()));
    }

    @CommandHandler
    void handle(EditNodeCommand command) {
        ofTeam(command.teamId());
        NodeRules.checkDetails(command.name(), command.description(), command.icon());
        apply(new NodeEditedEvent(nodeId, teamId, command.name().trim(), command.description(), command.icon(),
                command.userId(), command.at()));
    }

    @CommandHandler
    void handle(DeleteNodeCommand command) {
        ofTeam(command.teamId());
        if (inUse && !command.cascade()) {
            throw new PreconditionFailedException("Node is already in use.", "nodeId",
                    "Delete the deployments that target this node first.");
        }
        if (connectionId != null) {
            apply(new AgentKickedEvent(nodeId, teamId, "delete-node", command.userId(), command.at()));
        }
        apply(new NodeDeletedEvent(nodeId, teamId, command.userId(), command.at()));
    }

    /** Answers the serial of the new token (the later serial is the expected token; see InstallStore). */
    @CommandHandler
    long handle(GenerateInstallScriptCommand command) {
        ofTeam(command.teamId());
        if (connectionId != null) {
            throw new ConflictException("Node is already connected.", "nodeId",
                    "Revoke the node's token first to install the agent again.");
        }
        apply(new InstallScriptGeneratedEvent(nodeId, teamId, command.type(), command.installTokenHash(),
                command.expireAt(), command.userId(), command.at()));
        return installSerial;
    }

    @CommandHandler
    void handle(DiscardInstallScriptCommand command) {
        ofTeam(command.teamId());
        if (!installPending(command.at())) {
            throw new NotFoundException("Install script not found.", "nodeId", null);
        }
        apply(new InstallScriptDiscardedEvent(nodeId, teamId, command.userId(), command.at()));
    }

    @CommandHandler
    void handle(RevokeNodeTokenCommand command) {
        ofTeam(command.teamId());
        if (nodeTokenHash == null && !installPending(command.at())) {
            throw new NotFoundException("Token not found.", "nodeId", null);
        }
        if (connectionId != null) {
            apply(new AgentKickedEvent(nodeId, teamId, "revoke-token", command.userId(), command.at()));
        }
        apply(new NodeTokenRevokedEvent(nodeId, teamId, command.userId(), command.at()));
    }

    @CommandHandler
    void handle(RequestAgentUpdateCommand command) {
        ofTeam(command.teamId());
        if (connectionId == null || !command.connected()) {
            throw new PreconditionFailedException("Node is unreachable.", "nodeId", "Start the node's agent first.");
        }
        if (updateDeadline != null && command.at().isBefore(updateDeadline)) {
            throw new PreconditionFailedException("Node is already updating.", "nodeId", null);
        }
        apply(new AgentUpdateRequestedEvent(nodeId, teamId, agentVersion, command.tag(), command.userId(),
                command.at(), command.at().plus(UPDATE_TIMEOUT)));
    }

    @CommandHandler
    void handle(AbortAgentUpdateCommand command) {
        if (updateDeadline != null && command.at().isBefore(updateDeadline)) {
            apply(new AgentUpdateAbortedEvent(nodeId, teamId, command.reason(), command.at()));
        }
    }

    @CommandHandler
    AgentCheckResult handle(CheckAgentCommand command) {
        String refusal = refusalOf(command.install(), command.presentedTokenHash(), command.at());
        if (refusal != null) {
            return new AgentCheckResult(AgentCheck.BAD_TOKEN, refusal);
        }
        if (command.refusal() != null) {
            return new AgentCheckResult(AgentCheck.REFUSED, command.refusal());
        }
        return new AgentCheckResult(AgentCheck.ACCEPTED, null);
    }

    /** Refused attempts, coalesced by the caller (a flood of bad tokens is not a flood of events). */
    @CommandHandler
    void handle(RecordAgentRefusalCommand command) {
        apply(new AgentConnectionRefusedEvent(nodeId, teamId, command.reason(), command.address(), command.at(),
                Math.max(1, command.count())));
    }

    @CommandHandler
    ConnectOutcome handle(ConnectAgentCommand command) {
        // checked again: the token may have been used or revoked since CheckAgentCommand
        String refusal = refusalOf(command.install(), command.presentedTokenHash(), command.at());
        if (refusal != null) {
            apply(new AgentConnectionRefusedEvent(nodeId, teamId, refusal, command.address(), command.at(), 1));
            return ConnectOutcome.REFUSED;
        }
        if (connectionId != null) {
            // The registry granted this connection, so the previous one is gone (lease expired) or
            // was being replaced by an updated agent.
            apply(new AgentDisconnectedEvent(nodeId, teamId, connectionId,
                    connectionId.equals(command.replaces()) ? "lost" : "replaced", command.at()));
        }
        if (command.install()) {
            apply(new NodeTokenIssuedEvent(nodeId, teamId, command.newNodeTokenHash(), command.at()));
        }
        apply(new AgentConnectedEvent(nodeId, teamId, command.connectionId(), command.agentVersion(),
                command.outdated(), command.publicKey(), command.address(), command.replicaId(), command.at()));
        return command.install() ? ConnectOutcome.TOKEN_EXCHANGED : ConnectOutcome.CONNECTED;
    }

    @CommandHandler
    void handle(DisconnectAgentCommand command) {
        if (connectionId != null && connectionId.equals(command.connectionId())) {
            apply(new AgentDisconnectedEvent(nodeId, teamId, connectionId, command.reason(), command.at()));
        }
    }

    @CommandHandler
    void handle(RecordContainerCommandCommand command) {
        ofTeam(command.teamId());
        apply(new ContainerCommandRecordedEvent(nodeId, teamId, command.prefix(), command.name(),
                command.operation(), command.outcome(), command.userId(), command.at()));
    }

    @CommandHandler
    void handle(MarkNodeUsageCommand command) {
        if (command.inUse() != inUse) {
            apply(new NodeUsageChangedEvent(nodeId, command.inUse()));
        }
    }

    /** Null when the token fits, else why not. */
    private String refusalOf(boolean install, String presentedTokenHash, Instant at) {
        if (install) {
            if (installTokenHash == null || !same(installTokenHash, presentedTokenHash)) {
                return "unknown or used install token";
            }
            if (!at.isBefore(installExpireAt)) {
                return "expired install token";
            }
            return null;
        }
        if (nodeTokenHash == null || !same(nodeTokenHash, presentedTokenHash)) {
            return "unknown or revoked node token";
        }
        return null;
    }

    private static boolean same(String a, String b) {
        return b != null && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private boolean installPending(Instant at) {
        return installTokenHash != null && at.isBefore(installExpireAt);
    }

    /** An id of another team is answered like an unknown id (SPEC §1.4: no existence oracle). */
    private void ofTeam(String caller) {
        if (!teamId.equals(caller)) {
            throw new NotFoundException(NOT_FOUND, "nodeId", null);
        }
    }

    @EventSourcingHandler
    void on(NodeCreatedEvent event) {
        nodeId = event.nodeId();
        teamId = event.teamId();
    }

    @EventSourcingHandler
    void on(NodeDeletedEvent event) {
        markDeleted();
    }

    @EventSourcingHandler
    void on(InstallScriptGeneratedEvent event) {
        installSerial++;
        installTokenHash = event.installTokenHash();
        installExpireAt = event.expireAt();
    }

    @EventSourcingHandler
    void on(InstallScriptDiscardedEvent event) {
        installTokenHash = null;
        installExpireAt = null;
    }

    @EventSourcingHandler
    void on(NodeTokenIssuedEvent event) {
        nodeTokenHash = event.nodeTokenHash();
        installTokenHash = null;
        installExpireAt = null;
    }

    @EventSourcingHandler
    void on(NodeTokenRevokedEvent event) {
        nodeTokenHash = null;
        installTokenHash = null;
        installExpireAt = null;
    }

    @EventSourcingHandler
    void on(AgentConnectedEvent event) {
        connectionId = event.connectionId();
        agentVersion = event.agentVersion();
        updateDeadline = null;
    }

    @EventSourcingHandler
    void on(AgentDisconnectedEvent event) {
        connectionId = null;
    }

    @EventSourcingHandler
    void on(AgentKickedEvent event) {
        connectionId = null;
    }

    @EventSourcingHandler
    void on(AgentUpdateRequestedEvent event) {
        updateDeadline = event.deadline();
    }

    @EventSourcingHandler
    void on(AgentUpdateAbortedEvent event) {
        updateDeadline = null;
    }

    @EventSourcingHandler
    void on(NodeUsageChangedEvent event) {
        inUse = event.inUse();
    }
}
