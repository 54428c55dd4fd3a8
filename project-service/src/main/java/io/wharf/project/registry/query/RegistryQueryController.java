package io.wharf.project.registry.query;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.wharf.common.access.TeamAccess;
import io.wharf.common.error.NotFoundException;
import io.wharf.common.events.identity.TeamRole;
import io.wharf.common.security.WharfPrincipal;
import io.wharf.project.registry.api.RegistryListItem;
import io.wharf.project.registry.api.RegistryResponse;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Registry reads for every member of the team; another team's id is 404 like an unknown one. */
@RestController
@RequestMapping("/api/{teamSlug}/registries")
@Tag(name = "registries")
class RegistryQueryController {

    private final TeamAccess access;
    private final RegistryViews views;
    private final RegistryViewProjection projection;

    RegistryQueryController(TeamAccess access, RegistryViews views, RegistryViewProjection projection) {
        this.access = access;
        this.views = views;
        this.projection = projection;
    }

    @GetMapping
    @Operation(summary = "List the team's registries", description = "Sorted by name.")
    @ApiResponse(responseCode = "200", description = "[{type, id, name, description, icon, url}]")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND: no such team, or not a member")
    List<RegistryListItem> list(@Parameter(hidden = true) WharfPrincipal caller, @PathVariable String teamSlug) {
        return views.ofTeam(access.require(caller, teamSlug, TeamRole.USER));
    }

    @GetMapping("/{registryId}")
    @Operation(summary = "A registry's details", description = "Credentials as user and hasToken, never the token.")
    @ApiResponse(responseCode = "200", description = "{type, details, id, name, description, icon, inUse, createdAt, updatedAt}")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND: not a registry of the team")
    RegistryResponse get(@Parameter(hidden = true) WharfPrincipal caller, @PathVariable String teamSlug,
            @PathVariable UUID registryId) {
        String teamId = access.require(caller, teamSlug, TeamRole.USER);
        return views.find(teamId, registryId.toString(), projection.inUse(registryId.toString()))
                .orElseThrow(() -> new NotFoundException("Registry not found.", "registryId", null));
    }
}
