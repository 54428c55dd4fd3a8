package io.wharf.common.events.identity;

import org.axonframework.serialization.Revision;

/** A member left the team on their own; the user no longer sees anything of the team. */
@Revision("1")
public record TeamMemberLeftEvent(
        String teamId,
        String userId) {
}
