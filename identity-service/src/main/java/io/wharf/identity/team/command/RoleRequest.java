package io.wharf.identity.team.command;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;

/** {@code PUT /api/teams/{teamId}/users/{userId}/role}. */
record RoleRequest(@NotNull @Schema(allowableValues = {"owner", "admin", "user"}) String role) {
}
