package io.wharf.node.container;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.wharf.agent.protocol.v1.Command;
import io.wharf.agent.protocol.v1.CommandResult;
import io.wharf.agent.protocol.v1.ContainerAction;
import io.wharf.agent.protocol.v1.ContainerId;
import io.wharf.agent.protocol.v1.ContainerState;
import io.wharf.agent.protocol.v1.DeleteContainers;
import io.wharf.agent.protocol.v1.ListContainers;
import io.wharf.common.access.TeamAccess;
import io.wharf.common.error.NotFoundException;
import io.wharf.common.error.ServiceUnavailableException;
import io.wharf.common.error.ValidationException;
import io.wharf.common.events.identity.TeamRole;
import io.wharf.common.security.WharfPrincipal;
import io.wharf.node.agent.AgentDispatcher;
import io.wharf.node.node.api.RecordContainerCommandCommand;
import io.wharf.node.node.command.NodeNameLookup;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Containers on a node (seed 003, SPEC §4). Every call waits for the agent's answer (timeout → 503,
 * node offline → 412) and every operation, whatever its outcome, is recorded in the node audit.
 * Without a prefix in the path the prefix is empty and {@code name} is the raw container name.
 */
@RestController
@RequestMapping("/api/{teamSlug}/nodes/{nodeId}")
@Tag(name = "containers", description = "Containers on a node, through its agent")
class ContainerController {

    private final TeamAccess access;
    private final NodeNameLookup nodes;
    private final AgentDispatcher agents;
    private final CommandGateway commands;
    private final Clock clock;

    ContainerController(TeamAccess access, NodeNameLookup nodes, AgentDispatcher agents, CommandGateway commands,
                        Clock clock) {
        this.access = access;
        this.nodes = nodes;
        this.agents = agents;
        this.commands = commands;
        this.clock = clock;
    }

    @GetMapping("/containers")
    @Operation(summary = "List the node's containers", description = "All of them, or those labelled with the prefix.")
    @ApiResponse(responseCode = "412", description = "PRECONDITION_FAILED: node unreachable or outdated")
    @ApiResponse(responseCode = "503", description = "SERVICE_UNAVAILABLE: the agent did not answer in time")
    List<ContainerResponse> list(@PathVariable String teamSlug, @PathVariable UUID nodeId,
                                 @RequestParam(required = false) String prefix,
                                 @Parameter(hidden = true) WharfPrincipal caller) {
        String id = nodeOf(caller, teamSlug, nodeId, TeamRole.USER);
        ContainerNames.check("prefix", prefix, true);
        CommandResult result = agents.send(id, Command.newBuilder()
                .setListContainers(ListContainers.newBuilder().setPrefix(prefix == null ? "" : prefix)));
        failOn(result);
        return result.getContainersList().stream().map(ContainerController::response).toList();
    }

    @PostMapping("/{prefix}/containers/{name}/{operation:start|stop|restart}")
    @Operation(summary = "Start, stop or restart <prefix>-<name>")
    @ApiResponse(responseCode = "204", description = "Done by the agent")
    ResponseEntity<Void> operate(@PathVariable String teamSlug, @PathVariable UUID nodeId, @PathVariable String prefix,
                                 @PathVariable String name, @PathVariable String operation,
                                 @Parameter(hidden = true) WharfPrincipal caller) {
        return act(caller, teamSlug, nodeId, prefix, name, operation);
    }

    @PostMapping("/containers/{name}/{operation:start|stop|restart}")
    @Operation(summary = "Start, stop or restart the container named name")
    ResponseEntity<Void> operateRaw(@PathVariable String teamSlug, @PathVariable UUID nodeId, @PathVariable String name,
                                    @PathVariable String operation, @Parameter(hidden = true) WharfPrincipal caller) {
        return act(caller, teamSlug, nodeId, "", name, operation);
    }

    @DeleteMapping("/{prefix}/containers/{name}")
    @Operation(summary = "Delete <prefix>-<name>")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND: no such container")
    ResponseEntity<Void> delete(@PathVariable String teamSlug, @PathVariable UUID nodeId, @PathVariable String prefix,
                                @PathVariable String name, @Parameter(hidden = true) WharfPrincipal caller) {
        return act(caller, teamSlug, nodeId, prefix, name, "delete");
    }

    @DeleteMapping("/containers/{name}")
    @Operation(summary = "Delete the container named name")
    ResponseEntity<Void> deleteRaw(@PathVariable String teamSlug, @PathVariable UUID nodeId, @PathVariable String name,
                                   @Parameter(hidden = true) WharfPrincipal caller) {
        return act(caller, teamSlug, nodeId, "", name, "delete");
    }

    @DeleteMapping("/{prefix}/containers")
    @Operation(summary = "Delete every container of the prefix")
    ResponseEntity<Void> deletePrefix(@PathVariable String teamSlug, @PathVariable UUID nodeId,
                                      @PathVariable String prefix, @Parameter(hidden = true) WharfPrincipal caller) {
        String id = nodeOf(caller, teamSlug, nodeId, TeamRole.ADMIN);
        Command.Builder command = Command.newBuilder().setDeleteContainers(DeleteContainers.newBuilder().setPrefix(prefix));
        audited(caller, id, prefix, null, "deleteContainers", command);
        return ResponseEntity.noContent().build();
    }

    private ResponseEntity<Void> act(WharfPrincipal caller, String teamSlug, UUID nodeId, String prefix, String name,
                                     String operation) {
        String id = nodeOf(caller, teamSlug, nodeId, TeamRole.ADMIN);
        ContainerAction.Operation op = switch (operation) {
            case "start" -> ContainerAction.Operation.START;
            case "stop" -> ContainerAction.Operation.STOP;
            case "restart" -> ContainerAction.Operation.RESTART;
            default -> ContainerAction.Operation.DELETE;
        };
        Command.Builder command = Command.newBuilder().setContainerAction(ContainerAction.newBuilder()
                .setContainer(ContainerId.newBuilder().setPrefix(prefix).setName(name)).setOperation(op));
        audited(caller, id, prefix, name, operation + "Container", command);
        return ResponseEntity.noContent().build();
    }

    /**
     * Checks the names, sends, then records the operation with its outcome (ok or the error code) in the
     * node audit. Called only once the caller may act on the node (access, then node of the team: a
     * stranger gets 404 whatever the names), so refused names are audited too (VALIDATION_ERROR).
     * An empty prefix is the routes without one; a null name is "every container of the prefix".
     */
    private void audited(WharfPrincipal caller, String nodeId, String prefix, String name, String operation,
                         Command.Builder command) {
        AuditedOperation.run(operation + " on node " + nodeId, () -> {
            if (!prefix.isEmpty() || name == null) {
                ContainerNames.check("prefix", prefix, false);
            }
            if (name != null) {
                ContainerNames.check("name", name, false);
            }
            failOn(agents.send(nodeId, command));
        }, outcome -> record(caller, nodeId, prefix, name, operation, outcome));
    }

    private void record(WharfPrincipal caller, String nodeId, String prefix, String name, String operation,
                        String outcome) {
        String teamId = nodes.teamOf(nodeId).orElse(null);
        if (teamId != null) {
            commands.sendAndWait(new RecordContainerCommandCommand(nodeId, teamId, prefix, name, operation, outcome,
                    caller.userId(), Instant.now(clock)));
        }
    }

    private String nodeOf(WharfPrincipal caller, String teamSlug, UUID nodeId, TeamRole role) {
        String teamId = access.require(caller, teamSlug, role);
        String id = nodeId.toString();
        if (!nodes.teamOf(id).map(teamId::equals).orElse(false)) {
            throw new NotFoundException("Node not found.", "nodeId", null);
        }
        return id;
    }

    private static void failOn(CommandResult result) {
        switch (result.getError()) {
            case NONE -> { }
            case NOT_FOUND -> throw new NotFoundException("Container not found.", "name", result.getMessage());
            case INVALID -> throw new ValidationException(result.getMessage(), "name", null);
            default -> throw new ServiceUnavailableException("The agent could not do it: " + result.getMessage(), 5);
        }
    }

    private static ContainerResponse response(ContainerState state) {
        return new ContainerResponse(state.getState(),
                new ContainerResponse.Id(state.getId().getPrefix(), state.getId().getName()), state.getCommand(),
                Instant.ofEpochSecond(state.getCreatedAtEpochSeconds()), state.getReason(), state.getImageName(),
                state.getImageTag(), state.getPortsList().stream()
                .map(p -> new ContainerResponse.Port(p.getInternal(), p.getExternal())).toList());
    }
}
