package io.wharf.identity.team.command;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;

/** {@code POST /api/teams} and {@code PUT /api/teams/{teamId}}. The aggregate checks the rules. */
record TeamRequest(
        @NotNull @Schema(description = "1 to 70 characters, unique") String name,
        @NotNull @Schema(description = "3 to 16 characters of a-z, 0-9, '-', unique") String slug) {
}
