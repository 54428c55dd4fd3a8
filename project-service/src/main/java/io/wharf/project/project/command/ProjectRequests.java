package io.wharf.project.project.command;

import io.swagger.v3.oas.annotations.media.Schema;
import io.wharf.common.events.project.ContainerConfig;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.UUID;

/** The request bodies of the catalogue commands (seed 003, 000, 001). Rules live in the aggregate. */
final class ProjectRequests {

    private ProjectRequests() {
    }

    record CreateProject(
            @NotNull @Schema(description = "versionless or versioned") String type,
            @NotNull @Schema(description = "1 to 70 characters, unique in the team") String name,
            String description,
            @Schema(description = "versionless: the rolling version's changelog; ignored for versioned projects "
                    + "(as dyrector)") String changelog) {
    }

    record EditProject(@NotNull String name, String description,
                       @Schema(description = "versionless projects only (412 otherwise)") String changelog) {
    }

    record CreateVersion(
            @NotNull @Schema(description = "incremental (default) or rolling") String type,
            @NotNull @Schema(description = "1 to 70 characters, unique in the project") String name,
            String changelog,
            @Schema(description = "seed 000: publish at once (incremental, with images)") Boolean publishImmediately) {
    }

    record VersionName(@NotNull String name, String changelog) {
    }

    record AddImages(@NotNull UUID registryId,
                     @NotNull @Schema(description = "name[:tag], tag defaults to latest") List<String> images) {
    }

    record PatchImage(String tag, @Schema(implementation = ContainerConfig.class, description = "a partial config: "
            + "whole-field replacement, labels/annotations per sub-list; an absent field is kept, an explicit null "
            + "clears it (back to the default config's value)") ConfigPatch config) {
    }

    record Component(@NotNull UUID imageId, @NotNull @Schema(description = "the image tag") String version) {
    }

    record Label(@NotNull String text, @NotNull @Schema(description = "red, yellow, blue, green or black") String color) {
    }

    record CreatePackage(
            @NotNull @Schema(description = "semver, unique in the project") String version,
            String baseVersion,
            @NotNull List<@Valid Component> components,
            List<@Valid Label> labels) {
    }
}
