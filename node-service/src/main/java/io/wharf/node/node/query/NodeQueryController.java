package io.wharf.node.node.query;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.wharf.common.access.MembershipReplica;
import io.wharf.common.access.TeamAccess;
import io.wharf.common.error.NotFoundException;
import io.wharf.common.error.UnauthorizedException;
import io.wharf.common.error.ValidationException;
import io.wharf.common.events.identity.TeamRole;
import io.wharf.common.security.WharfPrincipal;
import io.wharf.node.install.InstallStore;
import io.wharf.node.install.PendingInstall;
import io.wharf.node.node.api.NodeAuditResponse;
import io.wharf.node.node.api.NodeDetailsResponse;
import io.wharf.node.node.api.NodeResponse;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reads of nodes (seed 003): list, details, node audit, and the public install script. */
@RestController
@RequestMapping("/api/{teamSlug}/nodes")
@Tag(name = "nodes", description = "Deployment targets and their agents")
class NodeQueryController {

    static final int TAKE_MAX = 100;

    private final TeamAccess access;
    private final MembershipReplica teams;
    private final NodeViews views;
    private final NodeAuditViews audit;
    private final InstallStore installs;

    NodeQueryController(TeamAccess access, MembershipReplica teams, NodeViews views, NodeAuditViews audit,
                        InstallStore installs) {
        this.access = access;
        this.teams = teams;
        this.views = views;
        this.audit = audit;
        this.installs = installs;
    }

    @GetMapping
    @Operation(summary = "List the team's nodes", description = "Status, address, version and updating are live.")
    List<NodeResponse> list(@PathVariable String teamSlug, @Parameter(hidden = true) WharfPrincipal caller) {
        return views.ofTeam(access.require(caller, teamSlug, TeamRole.USER));
    }

    @GetMapping("/{nodeId}")
    @Operation(summary = "One node with hasToken, the pending install and inUse")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND: no such node in the team")
    NodeDetailsResponse get(@PathVariable String teamSlug, @PathVariable UUID nodeId,
                            @Parameter(hidden = true) WharfPrincipal caller) {
        String teamId = access.require(caller, teamSlug, TeamRole.USER);
        NodeDetailsResponse node = views.find(teamId, nodeId.toString()).orElseThrow(NodeQueryController::notFound);
        // The pending script carries the one-time agent token: only those who may generate one see it.
        boolean admin = access.roleIn(caller, teamSlug).map(r -> r.atLeast(TeamRole.ADMIN)).orElse(false);
        return admin ? node : new NodeDetailsResponse(node.type(), node.status(), node.description(), node.icon(),
                node.address(), node.connectedAt(), node.version(), node.updating(), node.id(), node.name(),
                node.hasToken(), null, node.inUse());
    }

    @GetMapping("/{nodeId}/audit")
    @Operation(summary = "The node audit, newest first",
            description = "connected, left, kicked, update, refused and containerCommand entries.")
    NodeAuditResponse audit(@PathVariable String teamSlug, @PathVariable UUID nodeId,
                            @RequestParam int skip, @RequestParam int take,
                            @RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
                            @Parameter(hidden = true) WharfPrincipal caller) {
        String teamId = access.require(caller, teamSlug, TeamRole.USER);
        if (skip < 0) {
            throw new ValidationException("skip is 0 or more.", "skip", null);
        }
        if (take < 1 || take > TAKE_MAX) {
            throw new ValidationException("take is 1 to " + TAKE_MAX + ".", "take", null);
        }
        if (from != null && to != null && from.isAfter(to)) {
            throw new ValidationException("from is not after to.", "from", null);
        }
        views.find(teamId, nodeId.toString()).orElseThrow(NodeQueryController::notFound);
        return audit.page(nodeId.toString(), skip, take, from, to);
    }

    /**
     * Public (SPEC §4): no caller; the URL's key (given out only in the admin's install command) is the
     * credential, so knowing the node id is not enough. Anything but a valid pending install of this
     * team's node with its key is the same 401.
     */
    @GetMapping("/{nodeId}/script")
    @Operation(summary = "The pending install script (public, text/plain)",
            description = "The URL of the install command, key included; 401 without the key, with a wrong one, or once "
                    + "the script expired, was used or discarded.")
    @ApiResponse(responseCode = "401", description = "UNAUTHORIZED: no valid install script")
    ResponseEntity<String> script(@PathVariable String teamSlug, @PathVariable String nodeId,
                                  @RequestParam(required = false) String key) {
        PendingInstall install = installs.findWithKey(nodeId, key)
                .filter(i -> teams.teamIdBySlug(teamSlug).map(i.teamId()::equals).orElse(false))
                .orElseThrow(() -> new UnauthorizedException("No valid install script.", null,
                        "Generate a new install script for the node."));
        return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(install.script());
    }

    private static NotFoundException notFound() {
        return new NotFoundException("Node not found.", "nodeId", null);
    }
}
