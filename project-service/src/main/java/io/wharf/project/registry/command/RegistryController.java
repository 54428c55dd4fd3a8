package io.wharf.project.registry.command;

import io.wharf.common.metadata.IdempotentIds;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.wharf.common.access.TeamAccess;
import io.wharf.common.error.NotFoundException;
import io.wharf.common.events.identity.TeamRole;
import io.wharf.common.security.WharfPrincipal;
import io.wharf.project.registry.api.ChangeRegistryCommand;
import io.wharf.project.registry.api.CreateRegistryCommand;
import io.wharf.project.registry.api.DeleteRegistryCommand;
import io.wharf.project.registry.api.FindRegistryQuery;
import io.wharf.project.registry.api.FindRegistryViewVersionQuery;
import io.wharf.project.registry.api.RegistryDetails;
import io.wharf.project.registry.api.RegistryResponse;
import io.wharf.project.registry.api.RegistryType;
import io.wharf.project.registry.client.GoogleKey;
import io.wharf.project.registry.client.RegistryChecker;
import io.wharf.project.registry.directory.RegistryEntry;
import io.wharf.project.registry.directory.RegistryNames;
import io.wharf.project.registry.directory.RegistryTable;
import io.wharf.common.security.SecretCipher;
import io.wharf.common.axon.ViewWait;
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
 * The registry commands of seed 003 (admin or owner, SPEC §1.4). The token is sealed here, before
 * it enters a command; the registry is checked live first (on by default); the name is claimed in
 * the team's name table before the command and given back when it fails. Answers after the view
 * applied the command's events (read-your-writes).
 */
@RestController
@RequestMapping("/api/{teamSlug}/registries")
@Tag(name = "registries", description = "Container registries of a team")
class RegistryController {

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final TeamAccess access;
    private final RegistryNames names;
    private final RegistryTable table;
    private final RegistryChecker checker;
    private final SecretCipher cipher;
    private final ViewWait views;
    private final Clock clock;

    RegistryController(CommandGateway commands, QueryGateway queries, TeamAccess access, RegistryNames names,
                       RegistryTable table, RegistryChecker checker, SecretCipher cipher, ViewWait views,
                       ObjectProvider<Clock> clock) {
        this.commands = commands;
        this.queries = queries;
        this.access = access;
        this.names = names;
        this.table = table;
        this.checker = checker;
        this.cipher = cipher;
        this.views = views;
        this.clock = clock.getIfUnique(Clock::systemUTC);
    }

    @PostMapping
    @Operation(summary = "Add a registry", description = "Admin or owner. Checked live unless switched off.")
    @ApiResponse(responseCode = "201", description = "Created; Location is the registry")
    @ApiResponse(responseCode = "400", description = "VALIDATION_ERROR: bad details, or the live check failed (field)")
    @ApiResponse(responseCode = "403", description = "FORBIDDEN_ROLE: a plain user")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND: no such team, or not a member")
    @ApiResponse(responseCode = "409", description = "CONFLICT: the team has a registry of that name")
    ResponseEntity<RegistryResponse> create(@Parameter(hidden = true) WharfPrincipal caller,
            @PathVariable String teamSlug, @Valid @RequestBody RegistryRequest request) {
        String teamId = access.require(caller, teamSlug, TeamRole.ADMIN);
        String registryId = IdempotentIds.newId();
        RegistryType type = RegistryRules.type(request.type());
        String token = emptyToNull(request.details().token());
        RegistryRequest.Details details = serviceAccount(type, request.details(), token);
        checker.check(type, RegistryRules.details(type, plain(details), token).withToken(token));
        String name = RegistryRules.name(request.name());
        names.underClaim(teamId, name, registryId, () -> commands.sendAndWait(
                new CreateRegistryCommand(registryId, teamId, name, request.description(),
                        request.icon(), request.type(), sealed(registryId, details, token), clock.instant())));
        views.awaitView(registryId, new FindRegistryViewVersionQuery(registryId));
        RegistryResponse body = queries.query(new FindRegistryQuery(teamId, registryId),
                ResponseTypes.instanceOf(RegistryResponse.class)).join();
        return ResponseEntity.created(URI.create("/api/" + teamSlug + "/registries/" + registryId)).body(body);
    }

    @PutMapping("/{registryId}")
    @Operation(summary = "Change a registry", description = "Admin or owner. Without details.token the stored token "
            + "is kept; an empty token removes it.")
    @ApiResponse(responseCode = "204", description = "Changed")
    @ApiResponse(responseCode = "400", description = "VALIDATION_ERROR (field)")
    @ApiResponse(responseCode = "403", description = "FORBIDDEN_ROLE")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND: not a registry of the team")
    @ApiResponse(responseCode = "409", description = "CONFLICT: name taken")
    ResponseEntity<Void> change(@Parameter(hidden = true) WharfPrincipal caller, @PathVariable String teamSlug,
            @PathVariable UUID registryId, @Valid @RequestBody RegistryRequest request) {
        String teamId = access.require(caller, teamSlug, TeamRole.ADMIN);
        String id = registryId.toString();
        RegistryEntry existing = table.find(teamId, id).orElseThrow(() -> new NotFoundException(Registry.NOT_FOUND));
        RegistryType type = RegistryRules.type(request.type());
        boolean keepToken = request.details().token() == null;
        String plainToken = keepToken ? cipher.open(id, existing.token()) : emptyToNull(request.details().token());
        if (keepToken && !RegistryRules.takesToken(type)) {
            plainToken = null;
        }
        String newToken = keepToken ? null : emptyToNull(request.details().token());
        RegistryRequest.Details details = serviceAccount(type, request.details(), plainToken);
        RegistryDetails next = RegistryRules.details(type, plain(details), plainToken);
        if (keepToken && plainToken != null) {
            // before the live check: it would send the kept token to the new address
            RegistryRules.keptTokenStaysPut(existing.type(), new RegistryDetails(existing.url(),
                    existing.imageNamePrefix(), existing.namespace(), existing.apiUrl(), existing.user(), null), type, next);
        }
        checker.check(type, next.withToken(plainToken));
        String name = RegistryRules.name(request.name());
        names.underClaim(teamId, name, id, () -> commands.sendAndWait(
                new ChangeRegistryCommand(id, teamId, name, request.description(), request.icon(),
                        request.type(), sealed(id, details, newToken),
                        keepToken, clock.instant())));
        views.awaitView(id, new FindRegistryViewVersionQuery(id));
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/{registryId}")
    @Operation(summary = "Delete a registry", description = "Admin or owner; refused while an image uses it.")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "403", description = "FORBIDDEN_ROLE")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND")
    @ApiResponse(responseCode = "409", description = "CONFLICT + Retry-After: 1: an image command holds it right now")
    @ApiResponse(responseCode = "412", description = "PRECONDITION_FAILED: in use")
    ResponseEntity<Void> delete(@Parameter(hidden = true) WharfPrincipal caller, @PathVariable String teamSlug,
            @PathVariable UUID registryId) {
        String teamId = access.require(caller, teamSlug, TeamRole.ADMIN);
        String id = registryId.toString();
        table.find(teamId, id).orElseThrow(() -> new NotFoundException(Registry.NOT_FOUND));
        commands.sendAndWait(new DeleteRegistryCommand(id, teamId, clock.instant()));
        views.awaitView(id, new FindRegistryViewVersionQuery(id));
        return ResponseEntity.noContent().build();
    }

    /**
     * A {@code google} registry given the service account's whole JSON key file and no user: the
     * account is the file's {@code client_email} (stored and shown as {@code user}, like one typed in).
     * A key that is not one is 400 {@code details.token} here, before anything else happens.
     */
    private static RegistryRequest.Details serviceAccount(RegistryType type, RegistryRequest.Details d, String plainToken) {
        if (type != RegistryType.GOOGLE || plainToken == null || (d.user() != null && !d.user().isBlank())) {
            return d;
        }
        String account = GoogleKey.parse(null, plainToken).clientEmail();
        return new RegistryRequest.Details(d.url(), account, d.token(), d.imageNamePrefix(), d.namespace(), d.apiUrl());
    }

    /** The details without the token (the rules get it separately, sealed or plain). */
    private static RegistryDetails plain(RegistryRequest.Details d) {
        return new RegistryDetails(d.url(), d.imageNamePrefix(), d.namespace(), d.apiUrl(), d.user(), null);
    }

    private RegistryDetails sealed(String registryId, RegistryRequest.Details d, String token) {
        return new RegistryDetails(d.url(), d.imageNamePrefix(), d.namespace(), d.apiUrl(), d.user(),
                cipher.seal(registryId, token));
    }

    private static String emptyToNull(String token) {
        return token == null || token.isEmpty() ? null : token;
    }
}
