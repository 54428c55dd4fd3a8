package io.wharf.identity.pat.command;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/tokens}: {@code expirationInDays} 0 means the token never expires; at most ten
 * years otherwise (a bound so the expiry stays a sane date).
 */
record CreateTokenRequest(
        @NotBlank @Size(max = PersonalAccessToken.NAME_MAX) String name,
        @NotNull @Min(0) @Max(3650) Integer expirationInDays) {
}
