package io.wharf.node.node.command;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.wharf.agent.protocol.v1.Close;
import io.wharf.agent.protocol.v1.Command;
import io.wharf.agent.protocol.v1.CommandResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.wharf.node.node.api.AbortAgentUpdateCommand;
import io.wharf.agent.protocol.v1.Update;
import io.wharf.common.access.TeamAccess;
import io.wharf.common.error.NotFoundException;
import io.wharf.common.error.ValidationException;
import io.wharf.common.events.identity.TeamRole;
import io.wharf.common.security.WharfPrincipal;
import io.wharf.node.agent.AgentDispatcher;
import io.wharf.node.agent.AgentGrpcServer;
import io.wharf.node.agent.AgentTokens;
import io.wharf.node.config.NodeProperties;
import io.wharf.common.axon.ViewWait;
import io.wharf.node.install.InstallScripts;
import io.wharf.node.install.InstallStore;
import io.wharf.node.install.PendingInstall;
import io.wharf.node.node.api.CreateNodeCommand;
import io.wharf.node.node.api.DeleteNodeCommand;
import io.wharf.node.node.api.DiscardInstallScriptCommand;
import io.wharf.node.node.api.EditNodeCommand;
import io.wharf.node.node.api.FindNodeViewVersionQuery;
import io.wharf.node.node.api.FindNodeNameQuery;
import io.wharf.node.node.api.FindNodeQuery;
import io.wharf.node.node.api.NodeResponse;
import io.wharf.node.node.api.GenerateInstallScriptCommand;
import io.wharf.node.node.api.InstallResponse;
import io.wharf.node.node.api.NodeType;
import io.wharf.node.node.api.RequestAgentUpdateCommand;
import io.wharf.node.node.api.RevokeNodeTokenCommand;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Writes of nodes (seed 003, SPEC §4): create, edit, delete, install script, token revoke, update.
 * Every write needs admin (SPEC §1.4). 201 bodies and later reads see the change (read-your-writes).
 */
@RestController
@RequestMapping("/api/{teamSlug}/nodes")
@Tag(name = "nodes")
class NodeController {

    static final int UPDATE_TIMEOUT_SECONDS = 300;
    private static final Logger log = LoggerFactory.getLogger(NodeController.class);

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final TeamAccess access;
    private final NodeNameLookup names;
    private final ViewWait views;
    private final AgentDispatcher agents;
    private final AgentGrpcServer grpc;
    private final InstallStore installs;
    private final InstallScripts scripts;
    private final NodeProperties properties;
    private final Clock clock;

    NodeController(CommandGateway commands, QueryGateway queries, TeamAccess access, NodeNameLookup names,
                   ViewWait views, AgentDispatcher agents, AgentGrpcServer grpc, InstallStore installs,
                   InstallScripts scripts, NodeProperties properties, Clock clock) {
        this.commands = commands;
        this.queries = queries;
        this.access = access;
        this.names = names;
        this.views = views;
        this.agents = agents;
        this.grpc = grpc;
        this.installs = installs;
        this.scripts = scripts;
        this.properties = properties;
        this.clock = clock;
    }

    @PostMapping
    @Operation(summary = "Create a node")
    @ApiResponse(responseCode = "201", description = "Created, with Location")
    @ApiResponse(responseCode = "409", description = "CONFLICT: node name taken in the team")
    ResponseEntity<NodeResponse> create(@PathVariable String teamSlug, @Valid @RequestBody NodeRequest request,
                                  @Parameter(hidden = true) WharfPrincipal caller) {
        String teamId = access.require(caller, teamSlug, TeamRole.ADMIN);
        String nodeId = UUID.randomUUID().toString();
        names.claim(teamId, request.name(), nodeId);
        try {
            commands.sendAndWait(new CreateNodeCommand(nodeId, teamId, request.name(), request.description(),
                    request.icon(), caller.userId(), clock.instant()));
        } catch (RuntimeException refused) {
            names.releaseOthers(nodeId, null);
            throw refused;
        }
        views.awaitView(nodeId, new FindNodeViewVersionQuery(nodeId));
        return ResponseEntity.created(URI.create("/api/" + teamSlug + "/nodes/" + nodeId)).body(listed(teamId, nodeId));
    }

    /** The 201 body is the node as the list shows it, read back from the view. */
    private NodeResponse listed(String teamId, String nodeId) {
        return queries.query(new FindNodeQuery(teamId, nodeId), ResponseTypes.instanceOf(NodeResponse.class)).join();
    }

    @PutMapping("/{nodeId}")
    @Operation(summary = "Edit a node's name, description and icon")
    @ApiResponse(responseCode = "204", description = "Changed")
    ResponseEntity<Void> edit(@PathVariable String teamSlug, @PathVariable UUID nodeId,
                              @Valid @RequestBody NodeRequest request, @Parameter(hidden = true) WharfPrincipal caller) {
        String teamId = access.require(caller, teamSlug, TeamRole.ADMIN);
        String id = nodeId.toString();
        // the node must be the team's before its new name is claimed in the team: another team's id is
        // 404, never a 409 that would tell which names the caller's team has
        if (!names.teamOf(id).map(teamId::equals).orElse(false)) {
            throw new NotFoundException(Node.NOT_FOUND, "nodeId", null);
        }
        boolean claimed = names.claim(teamId, request.name(), id);
        try {
            commands.sendAndWait(new EditNodeCommand(id, teamId, request.name(), request.description(), request.icon(),
                    caller.userId(), clock.instant()));
        } catch (RuntimeException refused) {
            if (claimed) {
                names.release(teamId, request.name(), id);
            }
            throw refused;
        }
        names.releaseOthers(id, MongoNodeNameLookup.keyOf(teamId, request.name()));
        views.awaitView(id, new FindNodeViewVersionQuery(id));
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/{nodeId}")
    @Operation(summary = "Delete a node", description = "Kicks its agent. 412 while a deployment targets it.")
    @ApiResponse(responseCode = "412", description = "PRECONDITION_FAILED: in use")
    ResponseEntity<Void> delete(@PathVariable String teamSlug, @PathVariable UUID nodeId,
                                @Parameter(hidden = true) WharfPrincipal caller) {
        String teamId = access.require(caller, teamSlug, TeamRole.ADMIN);
        String id = nodeId.toString();
        commands.sendAndWait(new DeleteNodeCommand(id, teamId, caller.userId(), clock.instant(), false));
        agents.kick(id, Close.Reason.NODE_DELETED);
        installs.remove(id);
        names.releaseOthers(id, null);
        views.awaitView(id, new FindNodeViewVersionQuery(id));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{nodeId}/script")
    @Operation(summary = "Generate the install script",
            description = "A fresh one-time agent token valid 10 minutes; the script is public at GET .../script meanwhile.")
    @ApiResponse(responseCode = "201", description = "{command, script, expireAt}")
    @ApiResponse(responseCode = "409", description = "CONFLICT: the agent is connected")
    ResponseEntity<InstallResponse> script(@PathVariable String teamSlug, @PathVariable UUID nodeId,
                                           @Valid @RequestBody ScriptRequest request,
                                           @Parameter(hidden = true) WharfPrincipal caller) {
        String teamId = access.require(caller, teamSlug, TeamRole.ADMIN);
        if ("k8s".equals(request.type()) && "powershell".equals(request.scriptType())) {
            throw new ValidationException("The Kubernetes install is a shell script.", "scriptType", null);
        }
        String id = nodeId.toString();
        Instant now = clock.instant();
        Instant expireAt = now.plus(properties.installTokenTtl()).truncatedTo(ChronoUnit.MILLIS);
        String token = AgentTokens.newInstallToken(id);
        // the public script URL's nonce: the node id alone (lists, audit, events, logs) does not fetch it
        String key = AgentTokens.newScriptKey();
        long serial = commands.sendAndWait(new GenerateInstallScriptCommand(id, teamId, NodeType.fromWire(request.type()),
                AgentTokens.hash(token), expireAt, caller.userId(), now));
        String nodeName = queries.query(new FindNodeNameQuery(id), ResponseTypes.instanceOf(String.class)).join();
        InstallScripts.Request install = new InstallScripts.Request(teamSlug, id, nodeName == null ? id : nodeName,
                request.type(), request.scriptType(), request.rootPath(),
                request.dagentTraefik() == null ? null : request.dagentTraefik().acmeEmail(), token, agentAddress(),
                expireAt, key);
        PendingInstall pending = new PendingInstall(id, teamId, request.type(), request.scriptType(),
                scripts.command(install), scripts.script(install), expireAt, AgentTokens.hash(key));
        if (!installs.put(pending, serial)) {
            // a concurrent POST got a later token: answer the script that is served (its token is the valid one)
            pending = installs.find(id).orElse(pending);
        }
        views.awaitView(id, new FindNodeViewVersionQuery(id));
        return ResponseEntity.status(201).body(new InstallResponse(pending.command(), pending.script(),
                pending.expireAt()));
    }

    private String agentAddress() {
        return properties.agentAddress().isBlank() ? "127.0.0.1:" + grpc.port() : properties.agentAddress();
    }

    @DeleteMapping("/{nodeId}/script")
    @Operation(summary = "Discard the pending install script")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND: none pending")
    ResponseEntity<Void> discardScript(@PathVariable String teamSlug, @PathVariable UUID nodeId,
                                       @Parameter(hidden = true) WharfPrincipal caller) {
        String teamId = access.require(caller, teamSlug, TeamRole.ADMIN);
        String id = nodeId.toString();
        commands.sendAndWait(new DiscardInstallScriptCommand(id, teamId, caller.userId(), clock.instant()));
        installs.remove(id);
        views.awaitView(id, new FindNodeViewVersionQuery(id));
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/{nodeId}/token")
    @Operation(summary = "Revoke the node's agent token", description = "Disconnects the agent; it cannot reconnect.")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND: the node has no token")
    ResponseEntity<Void> revoke(@PathVariable String teamSlug, @PathVariable UUID nodeId,
                                @Parameter(hidden = true) WharfPrincipal caller) {
        String teamId = access.require(caller, teamSlug, TeamRole.ADMIN);
        String id = nodeId.toString();
        commands.sendAndWait(new RevokeNodeTokenCommand(id, teamId, caller.userId(), clock.instant()));
        agents.kick(id, Close.Reason.TOKEN_REVOKED);
        installs.remove(id);
        views.awaitView(id, new FindNodeViewVersionQuery(id));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{nodeId}/update")
    @Operation(summary = "Ask the agent to update itself")
    @ApiResponse(responseCode = "412", description = "PRECONDITION_FAILED: unreachable or already updating")
    ResponseEntity<Void> update(@PathVariable String teamSlug, @PathVariable UUID nodeId,
                                @Parameter(hidden = true) WharfPrincipal caller) {
        String teamId = access.require(caller, teamSlug, TeamRole.ADMIN);
        String id = nodeId.toString();
        String tag = properties.agentImage().contains(":")
                ? properties.agentImage().substring(properties.agentImage().lastIndexOf(':') + 1) : "latest";
        Instant now = clock.instant();
        commands.sendAndWait(new RequestAgentUpdateCommand(id, teamId, tag, agents.connected(id), caller.userId(), now));
        agents.updatingUntil(id, now.plus(Node.UPDATE_TIMEOUT));
        // The agent acknowledges at once and pulls/starts its successor in the background; success shows
        // as a new connection. Only its explicit refusal (a jar agent cannot replace itself) ends
        // "updating" at once (dyrector's AbortUpdate). No answer in time, or the agent gone meanwhile,
        // is unknown, not a refusal: the successor may still come, so the mark stays until its deadline.
        CompletableFuture.runAsync(() -> {
            CommandResult result;
            try {
                result = agents.send(id, Command.newBuilder()
                        .setUpdate(Update.newBuilder().setTag(tag).setTimeoutSeconds(UPDATE_TIMEOUT_SECONDS)));
            } catch (RuntimeException unknown) {
                log.info("Update of node {}: no acknowledgement ({}); updating until the deadline", id,
                        unknown.getMessage());
                return;
            }
            if (result.getError() != CommandResult.Error.NONE) {
                log.info("Update of node {} aborted: {}", id, result.getMessage());
                agents.updateEnded(id);
                commands.send(new AbortAgentUpdateCommand(id, result.getMessage(), clock.instant()));
            }
        });
        views.awaitView(id, new FindNodeViewVersionQuery(id));
        return ResponseEntity.noContent().build();
    }
}
