package io.wharf.common.events.identity;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The invited user accepted; the invitation is gone. Always followed by {@link TeamMemberJoinedEvent}
 * (role {@code user}), which is what membership replicas apply.
 */
@Revision("1")
public record TeamInvitationAcceptedEvent(
        String teamId,
        String invitationId,
        String email,
        String userId,
        Instant acceptedAt) {
}
