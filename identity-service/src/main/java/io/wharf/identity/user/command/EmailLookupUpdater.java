package io.wharf.identity.user.command;

import io.wharf.common.events.identity.UserRegisteredEvent;
import io.wharf.identity.config.IdentityConfig;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Confirms the e-mail claim when the user's registration is stored. A subscribing processor (see
 * {@link IdentityConfig}): it runs in the command's unit of work, so a login right after the 201
 * finds the user. Replaying the events rebuilds the table.
 */
@Component
@ProcessingGroup(IdentityConfig.EMAIL_LOOKUP_GROUP)
class EmailLookupUpdater {

    private final EmailLookup lookup;

    EmailLookupUpdater(EmailLookup lookup) {
        this.lookup = lookup;
    }

    @EventHandler
    void on(UserRegisteredEvent event) {
        lookup.confirm(event.email(), event.userId());
    }
}
