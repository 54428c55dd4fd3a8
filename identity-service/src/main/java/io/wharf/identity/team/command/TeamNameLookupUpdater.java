package io.wharf.identity.team.command;

import io.wharf.common.events.identity.TeamCreatedEvent;
import io.wharf.common.events.identity.TeamDeletedEvent;
import io.wharf.common.events.identity.TeamRenamedEvent;
import io.wharf.identity.config.IdentityConfig;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Keeps {@link TeamNameLookup} in step with the Team events, in the command's unit of work
 * (subscribing processor {@value IdentityConfig#TEAM_NAME_LOOKUP_GROUP}): a claim becomes confirmed
 * when its team is stored, a rename frees the old values, a deletion frees everything.
 */
@Component
@ProcessingGroup(IdentityConfig.TEAM_NAME_LOOKUP_GROUP)
class TeamNameLookupUpdater {

    private final TeamNameLookup lookup;

    TeamNameLookupUpdater(TeamNameLookup lookup) {
        this.lookup = lookup;
    }

    @EventHandler
    void on(TeamCreatedEvent event) {
        lookup.confirm(TeamNameLookup.Kind.SLUG, event.slug(), event.teamId());
        lookup.confirm(TeamNameLookup.Kind.NAME, event.name(), event.teamId());
    }

    @EventHandler
    void on(TeamRenamedEvent event) {
        lookup.confirm(TeamNameLookup.Kind.SLUG, event.slug(), event.teamId());
        lookup.confirm(TeamNameLookup.Kind.NAME, event.name(), event.teamId());
        lookup.keepOnly(event.teamId(), event.slug(), event.name());
    }

    @EventHandler
    void on(TeamDeletedEvent event) {
        lookup.freeAll(event.teamId());
    }
}
