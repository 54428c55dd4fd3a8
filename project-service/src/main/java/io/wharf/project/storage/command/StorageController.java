package io.wharf.project.storage.command;

import io.wharf.common.metadata.IdempotentIds;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.wharf.common.access.TeamAccess;
import io.wharf.common.events.identity.TeamRole;
import io.wharf.common.security.WharfPrincipal;
import io.wharf.common.security.SecretCipher;
import io.wharf.common.axon.ViewWait;
import io.wharf.project.storage.api.ChangeStorageCommand;
import io.wharf.project.storage.api.CreateStorageCommand;
import io.wharf.project.storage.api.DeleteStorageCommand;
import io.wharf.project.storage.api.FindStorageQuery;
import io.wharf.project.storage.api.FindStorageViewVersionQuery;
import io.wharf.project.storage.api.StorageResponse;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Clock;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The storage commands of seed 003 (admin or owner). The secret key is sealed before it enters a
 * command; names are claimed in the team's table first; answers after the view caught up.
 */
@RestController
@RequestMapping("/api/{teamSlug}/storages")
@Tag(name = "storages", description = "S3-compatible storages of a team")
class StorageController {

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final TeamAccess access;
    private final StorageNames names;
    private final SecretCipher cipher;
    private final ViewWait views;
    private final Clock clock;

    StorageController(CommandGateway commands, QueryGateway queries, TeamAccess access, StorageNames names,
                      SecretCipher cipher, ViewWait views, ObjectProvider<Clock> clock) {
        this.commands = commands;
        this.queries = queries;
        this.access = access;
        this.names = names;
        this.cipher = cipher;
        this.views = views;
        this.clock = clock.getIfUnique(Clock::systemUTC);
    }

    @PostMapping
    @Operation(summary = "Add a storage", description = "Admin or owner.")
    @ApiResponse(responseCode = "201", description = "Created; Location is the storage")
    @ApiResponse(responseCode = "400", description = "VALIDATION_ERROR (field)")
    @ApiResponse(responseCode = "403", description = "FORBIDDEN_ROLE")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND: no such team, or not a member")
    @ApiResponse(responseCode = "409", description = "CONFLICT: name taken in the team")
    ResponseEntity<StorageResponse> create(@Parameter(hidden = true) WharfPrincipal caller,
            @PathVariable String teamSlug, @Valid @RequestBody StorageRequest request) {
        String teamId = access.require(caller, teamSlug, TeamRole.ADMIN);
        String storageId = IdempotentIds.newId();
        String name = StorageRules.name(request.name());
        names.underClaim(teamId, name, storageId, () -> commands.sendAndWait(
                new CreateStorageCommand(storageId, teamId, name, request.description(), request.icon(),
                        request.url(), request.accessKey(), cipher.seal(storageId, emptyToNull(request.secretKey())),
                        clock.instant())));
        views.awaitView(storageId, new FindStorageViewVersionQuery(storageId));
        StorageResponse body = queries.query(new FindStorageQuery(teamId, storageId),
                ResponseTypes.instanceOf(StorageResponse.class)).join();
        return ResponseEntity.created(URI.create("/api/" + teamSlug + "/storages/" + storageId)).body(body);
    }

    @PutMapping("/{storageId}")
    @Operation(summary = "Change a storage", description = "Admin or owner. Without secretKey the stored one is kept; "
            + "an empty secretKey removes it.")
    @ApiResponse(responseCode = "204", description = "Changed")
    @ApiResponse(responseCode = "400", description = "VALIDATION_ERROR (field)")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND: not a storage of the team")
    @ApiResponse(responseCode = "409", description = "CONFLICT: name taken")
    ResponseEntity<Void> change(@Parameter(hidden = true) WharfPrincipal caller, @PathVariable String teamSlug,
            @PathVariable UUID storageId, @Valid @RequestBody StorageRequest request) {
        String teamId = access.require(caller, teamSlug, TeamRole.ADMIN);
        String id = storageId.toString();
        String name = StorageRules.name(request.name());
        boolean keep = request.secretKey() == null;
        names.underClaim(teamId, name, id, () -> commands.sendAndWait(
                new ChangeStorageCommand(id, teamId, name, request.description(), request.icon(),
                        request.url(), request.accessKey(), keep ? null : cipher.seal(id, emptyToNull(request.secretKey())),
                        keep, clock.instant())));
        views.awaitView(id, new FindStorageViewVersionQuery(id));
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/{storageId}")
    @Operation(summary = "Delete a storage", description = "Admin or owner; refused while in use.")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND")
    @ApiResponse(responseCode = "409", description = "CONFLICT + Retry-After: 1: an image command holds it right now")
    @ApiResponse(responseCode = "412", description = "PRECONDITION_FAILED: in use")
    ResponseEntity<Void> delete(@Parameter(hidden = true) WharfPrincipal caller, @PathVariable String teamSlug,
            @PathVariable UUID storageId) {
        String teamId = access.require(caller, teamSlug, TeamRole.ADMIN);
        commands.sendAndWait(new DeleteStorageCommand(storageId.toString(), teamId, clock.instant()));
        views.awaitView(storageId.toString(), new FindStorageViewVersionQuery(storageId.toString()));
        return ResponseEntity.noContent().build();
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
