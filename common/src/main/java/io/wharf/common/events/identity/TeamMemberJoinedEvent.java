package io.wharf.common.events.identity;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A user became a member of the team with {@code role} (an accepted invitation joins as {@code user}). */
@Revision("1")
public record TeamMemberJoinedEvent(
        String teamId,
        String userId,
        TeamRole role,
        Instant joinedAt) {
}
