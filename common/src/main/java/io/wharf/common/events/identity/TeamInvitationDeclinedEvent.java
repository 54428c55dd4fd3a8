package io.wharf.common.events.identity;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The invited user declined; the invitation stays listed as {@code declined} and cannot be renewed. */
@Revision("1")
public record TeamInvitationDeclinedEvent(
        String teamId,
        String invitationId,
        String email,
        String userId,
        Instant declinedAt) {
}
