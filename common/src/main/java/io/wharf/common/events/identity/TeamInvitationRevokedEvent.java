package io.wharf.common.events.identity;

import org.axonframework.serialization.Revision;

/** An admin or the owner removed the invitation ({@code DELETE /api/teams/{id}/users/{invitationId}}). */
@Revision("1")
public record TeamInvitationRevokedEvent(
        String teamId,
        String invitationId,
        String email) {
}
