package io.wharf.identity.pat.query;

import io.wharf.common.events.identity.PersonalAccessTokenCreatedEvent;
import io.wharf.common.events.identity.PersonalAccessTokenRevokedEvent;
import io.wharf.identity.pat.api.FindPersonalAccessTokenViewVersionQuery;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/** The tokens view from the token events only (idempotent: upsert and set by id). */
@Component
@ProcessingGroup("personal-access-token-views")
class PersonalAccessTokenProjection {

    private final PersonalAccessTokenViews views;

    PersonalAccessTokenProjection(PersonalAccessTokenViews views) {
        this.views = views;
    }

    @EventHandler
    void on(PersonalAccessTokenCreatedEvent event, @SequenceNumber long sequence) {
        views.created(event.tokenId(), event.userId(), event.name(), event.createdAt(), event.expiresAt(), sequence);
    }

    @EventHandler
    void on(PersonalAccessTokenRevokedEvent event, @SequenceNumber long sequence) {
        views.revoked(event.tokenId(), sequence);
    }

    @QueryHandler
    Long handle(FindPersonalAccessTokenViewVersionQuery query) {
        return views.version(query.tokenId());
    }
}
