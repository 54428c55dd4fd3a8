package io.wharf.identity.user.command;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/** {@code POST /api/auth/login}. */
record LoginRequest(@NotBlank String email, @NotNull @Schema(format = "password") String password) {

    @Override
    public String toString() {
        return "LoginRequest[email=" + email + "]";
    }
}
