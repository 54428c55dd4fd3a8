package io.wharf.identity.team.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Make {@code userId} a member with role {@code user}, without an invitation. No route sends it:
 * members join by accepting an invitation ({@link AcceptInvitationCommand}, which applies the same
 * {@code TeamMemberJoinedEvent}); tests send it to build teams with several members quickly.
 */
public record AddTeamMemberCommand(
        @TargetAggregateIdentifier String teamId,
        String userId,
        Instant joinedAt) {
}
