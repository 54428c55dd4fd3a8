package io.wharf.project.project.command;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.wharf.common.error.ValidationException;
import io.wharf.common.security.WharfPrincipal;
import io.wharf.project.project.api.AddImagesCommand;
import io.wharf.project.project.api.Caller;
import io.wharf.project.project.api.DeleteImageCommand;
import io.wharf.project.project.api.FindImagesQuery;
import io.wharf.project.project.api.ImageResponse;
import io.wharf.project.project.api.OrderImagesCommand;
import io.wharf.project.project.api.PatchImageCommand;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The image commands of seed 003: add, patch (partial config), delete, order. */
@RestController
@RequestMapping("/api/{teamSlug}/projects/{projectId}/versions/{versionId}/images")
@Tag(name = "images", description = "Images of a version and their container configs")
class ImageController {

    private final ProjectCommands commands;
    private final QueryGateway queries;

    ImageController(ProjectCommands commands, QueryGateway queries) {
        this.commands = commands;
        this.queries = queries;
    }

    @PostMapping
    @Operation(summary = "Add images of the team's registries", description = "name[:tag], tag defaults to latest; "
            + "each gets the default config and the order after the last.")
    @ApiResponse(responseCode = "201", description = "The added images")
    @ApiResponse(responseCode = "400", description = "VALIDATION_ERROR (field, e.g. [0].images[1])")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND: project, version, or a registry of another team")
    @ApiResponse(responseCode = "409", description = "CONFLICT: the version has an image of that name, or the registry "
            + "is being deleted right now")
    @ApiResponse(responseCode = "412", description = "PRECONDITION_FAILED: immutable version")
    ResponseEntity<List<ImageResponse>> add(@Parameter(hidden = true) WharfPrincipal principal,
            @PathVariable String teamSlug, @PathVariable UUID projectId, @PathVariable UUID versionId,
            @RequestBody List<ProjectRequests.AddImages> request) {
        Caller caller = commands.caller(principal, teamSlug);
        List<AddImagesCommand.RegistryImages> registries = request.stream()
                .map(r -> r == null ? null : new AddImagesCommand.RegistryImages(r.registryId(), r.images())).toList();
        List<String> ids = commands.send(projectId.toString(), new AddImagesCommand(projectId.toString(), caller,
                versionId.toString(), registries));
        List<ImageResponse> body = queries.query(new FindImagesQuery(caller.teamId(), teamSlug, versionId.toString(),
                ids), ResponseTypes.multipleInstancesOf(ImageResponse.class)).join();
        return ResponseEntity.created(URI.create("/api/" + teamSlug + "/projects/" + projectId + "/versions/"
                + versionId + "/images")).body(body);
    }

    @PatchMapping("/{imageId}")
    @Operation(summary = "Patch an image's tag and config", description = "Whole-field replacement; labels and "
            + "annotations merged per sub-list; an explicit null clears a field (absent keeps it). Privileged "
            + "settings need admin.")
    @ApiResponse(responseCode = "204", description = "Patched")
    @ApiResponse(responseCode = "400", description = "VALIDATION_ERROR (field, e.g. config.ports[2].internal)")
    @ApiResponse(responseCode = "403", description = "FORBIDDEN_ROLE: privileged settings as a user")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND (config.storage.storageId: not a storage of the team)")
    @ApiResponse(responseCode = "409", description = "CONFLICT: config.storage.storageId is being deleted right now")
    @ApiResponse(responseCode = "412", description = "PRECONDITION_FAILED: immutable version")
    ResponseEntity<Void> patch(@Parameter(hidden = true) WharfPrincipal principal, @PathVariable String teamSlug,
            @PathVariable UUID projectId, @PathVariable UUID versionId, @PathVariable UUID imageId,
            @Valid @RequestBody ProjectRequests.PatchImage request) {
        Caller caller = commands.caller(principal, teamSlug);
        commands.send(projectId.toString(), new PatchImageCommand(projectId.toString(), caller, versionId.toString(),
                imageId.toString(), request.tag(), request.config() == null ? null : request.config().values(),
                request.config() == null ? List.of() : request.config().cleared()));
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/{imageId}")
    @Operation(summary = "Remove an image from the version")
    @ApiResponse(responseCode = "204", description = "Removed")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND")
    @ApiResponse(responseCode = "412", description = "PRECONDITION_FAILED: immutable version")
    ResponseEntity<Void> delete(@Parameter(hidden = true) WharfPrincipal principal, @PathVariable String teamSlug,
            @PathVariable UUID projectId, @PathVariable UUID versionId, @PathVariable UUID imageId) {
        Caller caller = commands.caller(principal, teamSlug);
        commands.send(projectId.toString(), new DeleteImageCommand(projectId.toString(), caller, versionId.toString(),
                imageId.toString()));
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/order")
    @Operation(summary = "Set the deployment order", description = "The full list of the version's image ids.")
    @ApiResponse(responseCode = "204", description = "Ordered")
    @ApiResponse(responseCode = "400", description = "VALIDATION_ERROR: a missing, extra or repeated id")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND")
    @ApiResponse(responseCode = "412", description = "PRECONDITION_FAILED: immutable version")
    ResponseEntity<Void> order(@Parameter(hidden = true) WharfPrincipal principal, @PathVariable String teamSlug,
            @PathVariable UUID projectId, @PathVariable UUID versionId, @RequestBody List<UUID> imageIds) {
        Caller caller = commands.caller(principal, teamSlug);
        for (int i = 0; i < imageIds.size(); i++) {
            if (imageIds.get(i) == null) {
                throw new ValidationException("An image id is required.", "[" + i + "]", null);
            }
        }
        commands.send(projectId.toString(), new OrderImagesCommand(projectId.toString(), caller, versionId.toString(),
                imageIds.stream().map(UUID::toString).toList()));
        return ResponseEntity.noContent().build();
    }
}
