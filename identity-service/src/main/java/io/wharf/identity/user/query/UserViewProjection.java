package io.wharf.identity.user.query;

import io.wharf.common.events.identity.UserRegisteredEvent;
import io.wharf.identity.config.IdentityConfig;
import io.wharf.identity.user.api.UserLoggedInEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/** Names, e-mails and last logins for team member lists and users/me. Idempotent (upserts). */
@Component
@ProcessingGroup(IdentityConfig.USER_VIEWS_GROUP)
class UserViewProjection {

    private final UserViews views;

    UserViewProjection(UserViews views) {
        this.views = views;
    }

    @EventHandler
    void on(UserRegisteredEvent event) {
        String name = event.lastName() == null ? event.firstName() : event.firstName() + " " + event.lastName();
        views.upsertProfile(event.userId(), name, event.email());
    }

    @EventHandler
    void on(UserLoggedInEvent event) {
        views.loggedIn(event.userId(), event.loggedInAt());
    }
}
