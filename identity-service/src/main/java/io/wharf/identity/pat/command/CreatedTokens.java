package io.wharf.identity.pat.command;

import io.wharf.common.events.identity.PersonalAccessTokenCreatedEvent;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * What the event store says a token was created with. A retried {@code POST /api/tokens} (same
 * Idempotency-Key, so the same token id) is answered by the command deduplication without creating
 * the token again; the JWT it answers with must carry the stored times, not the retry's clock, so its
 * {@code exp} is the one the revocation event names.
 */
@Component
class CreatedTokens {

    private final EventStore events;

    CreatedTokens(EventStore events) {
        this.events = events;
    }

    Optional<PersonalAccessTokenCreatedEvent> of(String tokenId) {
        return events.readEvents(tokenId).asStream()
                .map(DomainEventMessage::getPayload)
                .filter(PersonalAccessTokenCreatedEvent.class::isInstance)
                .map(PersonalAccessTokenCreatedEvent.class::cast)
                .findFirst();
    }
}
