package io.wharf.common.events.identity;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * An admin or the owner invited {@code email} (normalised: trimmed, lower case) to the team. The
 * invitation is {@code pending} until accepted or declined and expires at {@code expiresAt} (7 days;
 * no event marks the expiry, readers compare with their clock). {@code teamName} is the team's name
 * when the invitation was made (mails and notifications show it). {@code invitationId} stands for the
 * invited person until they join (the {@code id} of the team's users[] row, reinvite and remove take it).
 */
@Revision("1")
public record TeamMemberInvitedEvent(
        String teamId,
        String invitationId,
        String email,
        String firstName,
        String lastName,
        String teamName,
        String invitedBy,
        Instant invitedAt,
        Instant expiresAt) {
}
