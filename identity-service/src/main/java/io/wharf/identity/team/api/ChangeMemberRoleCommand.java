package io.wharf.identity.team.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * {@code PUT /api/teams/{teamId}/users/{userId}/role}. {@code role} is the wire spelling as sent
 * (the aggregate refuses unknown roles); {@code owner} transfers ownership.
 */
public record ChangeMemberRoleCommand(
        @TargetAggregateIdentifier String teamId,
        String actorId,
        String userId,
        String role) {
}
