package io.wharf.identity.pat.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import io.wharf.common.error.NotFoundException;
import io.wharf.common.error.ValidationException;
import io.wharf.common.events.identity.PersonalAccessTokenCreatedEvent;
import io.wharf.common.events.identity.PersonalAccessTokenRevokedEvent;
import io.wharf.identity.pat.api.CreatePersonalAccessTokenCommand;
import io.wharf.identity.pat.api.RevokePersonalAccessTokenCommand;
import io.wharf.identity.user.api.UserText;
import java.time.Instant;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A personal access token (SPEC §2): it belongs to one user, only that user may delete it, and a
 * deleted token is gone for good. The name's uniqueness per user spans tokens: {@link TokenNameLookup}.
 */
@Aggregate
class PersonalAccessToken {

    static final String NOT_FOUND = "Token not found.";
    static final int NAME_MAX = 70;

    @AggregateIdentifier
    private String tokenId;
    private String userId;
    private Instant expiresAt;

    PersonalAccessToken() {
        // for Axon
    }

    @CommandHandler
    PersonalAccessToken(CreatePersonalAccessTokenCommand command) {
        UserText.refuseControlCharacters(command.name(), "name");
        String name = command.name() == null ? "" : command.name().trim();
        if (name.isEmpty() || name.length() > NAME_MAX) {
            throw new ValidationException("A token name has 1 to " + NAME_MAX + " characters.", "name", null);
        }
        if (command.expiresAt() != null && !command.expiresAt().isAfter(command.createdAt())) {
            throw new ValidationException("A token must expire after it is created.", "expirationInDays",
                    "Use 0 for a token that never expires.");
        }
        apply(new PersonalAccessTokenCreatedEvent(command.tokenId(), command.userId(), name, command.createdAt(),
                command.expiresAt()));
    }

    @CommandHandler
    void handle(RevokePersonalAccessTokenCommand command) {
        if (!userId.equals(command.userId())) {
            throw notFound();
        }
        apply(new PersonalAccessTokenRevokedEvent(tokenId, userId, expiresAt, command.revokedAt()));
    }

    /** Another user's token and an unknown one answer the same (no existence oracle). */
    static NotFoundException notFound() {
        return new NotFoundException(NOT_FOUND, "tokenId", null);
    }

    @EventSourcingHandler
    void on(PersonalAccessTokenCreatedEvent event) {
        tokenId = event.tokenId();
        userId = event.userId();
        expiresAt = event.expiresAt();
    }

    @EventSourcingHandler
    void on(PersonalAccessTokenRevokedEvent event) {
        markDeleted();
    }
}
