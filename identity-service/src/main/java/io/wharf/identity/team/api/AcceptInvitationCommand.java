package io.wharf.identity.team.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** {@code POST /api/users/me/invitations/{teamId}}: the caller ({@code userId}, {@code email}) joins as {@code user}. */
public record AcceptInvitationCommand(
        @TargetAggregateIdentifier String teamId,
        String userId,
        String email,
        Instant acceptedAt) {
}
