package io.wharf.identity.team.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Make {@code userId} a member with role {@code user}. No route sends it yet: accepting an
 * invitation will (issue 3, invitations); tests send it to build teams with several members.
 */
public record AddTeamMemberCommand(
        @TargetAggregateIdentifier String teamId,
        String userId,
        Instant joinedAt) {
}
