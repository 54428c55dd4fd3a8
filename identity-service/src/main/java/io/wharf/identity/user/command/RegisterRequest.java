package io.wharf.identity.user.command;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code POST /api/auth/register}. The aggregate re-checks every rule (bytes of the password, too). */
record RegisterRequest(
        @NotBlank @Size(max = 320) String email,
        @NotNull @Schema(description = "8 to 72 bytes (UTF-8)", format = "password") String password,
        @NotBlank @Size(max = 70) String firstName,
        @Size(max = 70) String lastName) {

    @Override
    public String toString() {
        return "RegisterRequest[email=" + email + "]";
    }
}
