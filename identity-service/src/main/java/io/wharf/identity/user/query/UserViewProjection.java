package io.wharf.identity.user.query;

import io.wharf.common.events.identity.SessionRevokedEvent;
import io.wharf.common.events.identity.UserRegisteredEvent;
import io.wharf.identity.config.IdentityConfig;
import io.wharf.identity.user.api.FindUserViewVersionQuery;
import io.wharf.identity.user.api.UserLoggedInEvent;
import io.wharf.identity.user.api.UserPasswordSetEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * Names, e-mails and last logins for team member lists and users/me (a tracking processor).
 * Idempotent (upserts); {@code version} is the last User event sequence number applied.
 */
@Component
@ProcessingGroup(IdentityConfig.USER_VIEWS_GROUP)
class UserViewProjection {

    private final UserViews views;

    UserViewProjection(UserViews views) {
        this.views = views;
    }

    @EventHandler
    void on(UserRegisteredEvent event, @SequenceNumber long sequence) {
        String name = event.lastName() == null ? event.firstName() : event.firstName() + " " + event.lastName();
        views.upsertProfile(event.userId(), name, event.email());
        views.advance(event.userId(), sequence);
    }

    @EventHandler
    void on(UserLoggedInEvent event, @SequenceNumber long sequence) {
        views.loggedIn(event.userId(), event.loggedInAt());
        views.advance(event.userId(), sequence);
    }

    /**
     * The User events this view does not use still count for its version, so a command endpoint
     * waiting for the view sees it reach the aggregate's last sequence number.
     */
    @EventHandler
    void on(UserPasswordSetEvent event, @SequenceNumber long sequence) {
        views.advance(event.userId(), sequence);
    }

    @EventHandler
    void on(SessionRevokedEvent event, @SequenceNumber long sequence) {
        views.advance(event.userId(), sequence);
    }

    @QueryHandler
    Long handle(FindUserViewVersionQuery query) {
        return views.version(query.userId());
    }
}
