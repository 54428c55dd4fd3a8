package io.wharf.project.storage.command;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Seed 003's storage body; {@code secretKey} is write-only (absent on update keeps it, {@code ""} removes it). */
record StorageRequest(
        @NotBlank @Size(max = StorageRules.NAME_MAX) String name,
        @Size(max = StorageRules.TEXT_MAX) String description,
        @Size(max = StorageRules.TEXT_MAX) String icon,
        @NotBlank @Size(max = 2000) String url,
        @Size(max = StorageRules.KEY_MAX) String accessKey,
        @Size(max = StorageRules.KEY_MAX) String secretKey) {

    @Override
    public String toString() {
        return "StorageRequest[name=" + name + ", url=" + url + ", secretKey=" + (secretKey == null ? "absent" : "***") + "]";
    }
}
