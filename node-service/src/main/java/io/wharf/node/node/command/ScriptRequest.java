package io.wharf.node.node.command;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of POST .../nodes/{id}/script (seed 003 NodeGenerateScriptDto). */
record ScriptRequest(
        @NotNull @Pattern(regexp = "docker|k8s", message = "must be docker or k8s") String type,
        @NotNull @Pattern(regexp = "shell|powershell", message = "must be shell or powershell") String scriptType,
        @Size(max = 400) @Pattern(regexp = "[^\\p{Cntrl}]*", message = "must not contain control characters")
        String rootPath,
        @Valid Traefik dagentTraefik) {

    record Traefik(@NotNull @Email @Size(max = 254) String acmeEmail) {
    }
}
