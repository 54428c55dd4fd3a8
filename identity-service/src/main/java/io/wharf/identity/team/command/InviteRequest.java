package io.wharf.identity.team.command;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * {@code POST /api/teams/{teamId}/users}. The aggregate checks the rules (after membership, so a
 * non-member gets 404 whatever the body). {@code captcha} is in seed 003's body; Wharf has no
 * reCAPTCHA and ignores it.
 */
record InviteRequest(
        @Schema(description = "the address to invite", requiredMode = Schema.RequiredMode.REQUIRED) String email,
        @Schema(description = "1 to 70 characters", requiredMode = Schema.RequiredMode.REQUIRED) String firstName,
        @Schema(description = "at most 70 characters") String lastName,
        @Schema(description = "accepted for compatibility, not checked") String captcha) {
}
