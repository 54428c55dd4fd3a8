package io.wharf.common.events.identity;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** Reinvite: the invitation of {@code email} gets a fresh 7-day window (a new mail is sent). */
@Revision("1")
public record TeamInvitationRenewedEvent(
        String teamId,
        String invitationId,
        String email,
        String firstName,
        String teamName,
        String renewedBy,
        Instant renewedAt,
        Instant expiresAt) {
}
