package io.wharf.identity.team.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** {@code PUT /api/teams/{teamId}}: new name and slug (admin or owner). */
public record RenameTeamCommand(
        @TargetAggregateIdentifier String teamId,
        String actorId,
        String name,
        String slug) {
}
