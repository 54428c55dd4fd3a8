package io.wharf.common.events.identity;

import org.axonframework.serialization.Revision;

/** An admin or the owner removed a member; the user no longer sees anything of the team. */
@Revision("1")
public record TeamMemberRemovedEvent(
        String teamId,
        String userId) {
}
