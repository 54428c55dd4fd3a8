package io.wharf.project.storage.query;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.wharf.common.access.TeamAccess;
import io.wharf.common.error.NotFoundException;
import io.wharf.common.events.identity.TeamRole;
import io.wharf.common.security.WharfPrincipal;
import io.wharf.project.storage.api.StorageListItem;
import io.wharf.project.storage.api.StorageOption;
import io.wharf.project.storage.api.StorageResponse;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Storage reads for every member; another team's id is 404 like an unknown one. */
@RestController
@RequestMapping("/api/{teamSlug}/storages")
@Tag(name = "storages")
class StorageQueryController {

    private final TeamAccess access;
    private final StorageViews views;
    private final StorageViewProjection projection;

    StorageQueryController(TeamAccess access, StorageViews views, StorageViewProjection projection) {
        this.access = access;
        this.views = views;
        this.projection = projection;
    }

    @GetMapping
    @Operation(summary = "List the team's storages")
    @ApiResponse(responseCode = "200", description = "[{description, icon, url, id, name}]")
    List<StorageListItem> list(@Parameter(hidden = true) WharfPrincipal caller, @PathVariable String teamSlug) {
        return views.ofTeam(access.require(caller, teamSlug, TeamRole.USER));
    }

    @GetMapping("/options")
    @Operation(summary = "Storage names for pickers")
    @ApiResponse(responseCode = "200", description = "[{id, name}]")
    List<StorageOption> options(@Parameter(hidden = true) WharfPrincipal caller, @PathVariable String teamSlug) {
        return views.options(access.require(caller, teamSlug, TeamRole.USER));
    }

    @GetMapping("/{storageId}")
    @Operation(summary = "A storage's details", description = "The secret key as hasSecretKey, never the key.")
    @ApiResponse(responseCode = "200", description = "{description, icon, url, id, name, accessKey, hasSecretKey, inUse}")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND: not a storage of the team")
    StorageResponse get(@Parameter(hidden = true) WharfPrincipal caller, @PathVariable String teamSlug,
            @PathVariable UUID storageId) {
        String teamId = access.require(caller, teamSlug, TeamRole.USER);
        return views.find(teamId, storageId.toString(), projection.inUse(storageId.toString()))
                .orElseThrow(() -> new NotFoundException("Storage not found.", "storageId", null));
    }
}
