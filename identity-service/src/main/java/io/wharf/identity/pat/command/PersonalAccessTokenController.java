package io.wharf.identity.pat.command;

import io.wharf.common.metadata.IdempotentIds;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.wharf.common.events.identity.PersonalAccessTokenCreatedEvent;
import io.wharf.common.security.WharfPrincipal;
import io.wharf.identity.config.Callers;
import io.wharf.common.axon.ViewWait;
import io.wharf.identity.pat.api.CreatePersonalAccessTokenCommand;
import io.wharf.identity.pat.api.CreatedPersonalAccessTokenResponse;
import io.wharf.identity.pat.api.FindPersonalAccessTokenViewVersionQuery;
import io.wharf.identity.pat.api.RevokePersonalAccessTokenCommand;
import io.wharf.identity.token.TokenIssuer;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Personal access tokens (SPEC §2, seed 003 plus the DELETE of SPEC §1.3). The token is signed here
 * and shown once; the store, the events and the views only know its id, name and expiry.
 */
@RestController
@RequestMapping("/api/tokens")
@Tag(name = "tokens", description = "Personal access tokens")
class PersonalAccessTokenController {

    private static final String REFUSAL = "This credential cannot manage personal access tokens.";

    private final CommandGateway commands;
    private final TokenNameLookup names;
    private final TokenIssuer issuer;
    private final ViewWait views;
    private final CreatedTokens created;
    private final Clock clock;

    PersonalAccessTokenController(CommandGateway commands, TokenNameLookup names, TokenIssuer issuer, ViewWait views,
                                  CreatedTokens created, Clock clock) {
        this.commands = commands;
        this.created = created;
        this.names = names;
        this.issuer = issuer;
        this.views = views;
        this.clock = clock;
    }

    @PostMapping
    @Operation(summary = "Create a personal access token", description = "The token is in this answer only.")
    @ApiResponse(responseCode = "201", description = "Created; `token` is shown once")
    @ApiResponse(responseCode = "400", description = "VALIDATION_ERROR: name 1-70, expirationInDays 0-3650")
    @ApiResponse(responseCode = "409", description = "CONFLICT: the caller has a token of that name")
    ResponseEntity<CreatedPersonalAccessTokenResponse> create(@Parameter(hidden = true) WharfPrincipal caller,
            @Valid @RequestBody CreateTokenRequest request) {
        String userId = Callers.userOf(caller, REFUSAL);
        String tokenId = IdempotentIds.newId();
        String name = request.name().trim();
        Instant createdAt = clock.instant().truncatedTo(ChronoUnit.SECONDS); // JWT times are whole seconds
        Instant expiresAt = request.expirationInDays() == 0 ? null
                : createdAt.plus(Duration.ofDays(request.expirationInDays()));
        boolean claimed = names.claim(userId, name, tokenId); // false: a retry, the name is this token's already
        try {
            commands.sendAndWait(new CreatePersonalAccessTokenCommand(tokenId, userId, name, createdAt, expiresAt));
        } catch (RuntimeException refused) {
            if (claimed) {
                names.release(tokenId);
            }
            throw refused;
        }
        views.awaitView(tokenId, new FindPersonalAccessTokenViewVersionQuery(tokenId));
        // A retry was answered by the command deduplication: the token is the first run's, with its times.
        PersonalAccessTokenCreatedEvent stored = created.of(tokenId).orElseThrow(() ->
                new IllegalStateException("Token " + tokenId + " was created but its event cannot be read"));
        String token = issuer.issuePersonalAccessToken(tokenId, stored.userId(), caller.email(), stored.name(),
                stored.createdAt(), stored.expiresAt());
        return ResponseEntity.created(URI.create("/api/tokens/" + tokenId))
                .body(new CreatedPersonalAccessTokenResponse(tokenId, stored.name(), stored.expiresAt(),
                        stored.createdAt(), token));
    }

    @DeleteMapping("/{tokenId}")
    @Operation(summary = "Delete (revoke) a personal access token",
            description = "Refused on every gateway within seconds.")
    @ApiResponse(responseCode = "204", description = "Revoked")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND: no such token of the caller")
    ResponseEntity<Void> delete(@Parameter(hidden = true) WharfPrincipal caller, @PathVariable UUID tokenId) {
        String userId = Callers.userOf(caller, REFUSAL);
        commands.sendAndWait(new RevokePersonalAccessTokenCommand(tokenId.toString(), userId, clock.instant()));
        names.release(tokenId.toString());
        views.awaitView(tokenId.toString(), new FindPersonalAccessTokenViewVersionQuery(tokenId.toString()));
        return ResponseEntity.noContent().build();
    }
}
