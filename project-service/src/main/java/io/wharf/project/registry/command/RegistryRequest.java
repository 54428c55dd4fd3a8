package io.wharf.project.registry.command;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Seed 003's registry body for create and update. {@code details} has every field any type has; the
 * aggregate refuses the ones the chosen type does not ({@link RegistryRules}).
 */
record RegistryRequest(
        @NotBlank @Size(max = RegistryRules.NAME_MAX) String name,
        @NotBlank String type,
        @Size(max = RegistryRules.DESCRIPTION_MAX) String description,
        @Size(max = RegistryRules.ICON_MAX) String icon,
        @NotNull @Valid Details details) {

    /** @param token write-only; on update absent keeps the stored one, {@code ""} removes it */
    record Details(
            @Size(max = 2000) String url,
            @Size(max = RegistryRules.USER_MAX) String user,
            @Size(max = 16384) String token,
            @Size(max = RegistryRules.PREFIX_MAX) String imageNamePrefix,
            @Size(max = 32) String namespace,
            @Size(max = 2000) String apiUrl) {

        @Override
        public String toString() {
            return "Details[url=" + url + ", user=" + user + ", token=" + (token == null ? "absent" : "***") + "]";
        }
    }
}
