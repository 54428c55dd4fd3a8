package io.wharf.node.agent;

import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Parameter;
import io.wharf.agent.protocol.v1.Close;
import io.wharf.agent.protocol.v1.Command;
import io.wharf.common.error.ForbiddenScopeException;
import io.wharf.common.error.NotFoundException;
import io.wharf.common.error.ValidationException;
import io.wharf.common.metadata.ActorType;
import io.wharf.common.security.WharfPrincipal;
import io.wharf.node.config.NodeProperties;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replica-to-replica calls (not routed by the gateway): run a command on an agent held here, or close
 * its connection. Only callers with a replica assertion (shared internal secret) get in.
 */
@Hidden
@RestController
class ReplicaController {

    private final AgentDispatcher dispatcher;
    private final NodeProperties properties;
    private final LocalAgents local;

    ReplicaController(AgentDispatcher dispatcher, NodeProperties properties, LocalAgents local) {
        this.dispatcher = dispatcher;
        this.properties = properties;
        this.local = local;
    }

    @PostMapping("/internal/agents/{nodeId}/commands")
    ResponseEntity<byte[]> command(@PathVariable String nodeId, @RequestBody byte[] body,
                                   @Parameter(hidden = true) WharfPrincipal caller) {
        requireReplica(caller);
        if (local.of(nodeId).isEmpty()) {
            throw new NotFoundException("This replica does not hold the node's agent.");
        }
        Command.Builder command;
        try {
            command = Command.parseFrom(body).toBuilder();
        } catch (Exception e) {
            throw new ValidationException("Not a wharf.agent.v1.Command.");
        }
        byte[] result = dispatcher.sendLocal(nodeId, command, properties.commandTimeout()).toByteArray();
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM).body(result);
    }

    @PostMapping("/internal/agents/{nodeId}/kick")
    ResponseEntity<Void> kick(@PathVariable String nodeId, @RequestParam Close.Reason reason,
                              @Parameter(hidden = true) WharfPrincipal caller) {
        requireReplica(caller);
        dispatcher.kickLocal(nodeId, reason);
        return ResponseEntity.noContent().build();
    }

    private static void requireReplica(WharfPrincipal caller) {
        if (caller.actorType() != ActorType.SYSTEM || !ReplicaClient.REPLICA_CREDENTIAL.equals(caller.credential())) {
            throw new ForbiddenScopeException("Replica calls only.");
        }
    }
}
