package io.wharf.project.project.command;

import io.wharf.common.metadata.IdempotentIds;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.wharf.common.security.WharfPrincipal;
import io.wharf.project.project.api.Caller;
import io.wharf.project.project.api.CheckPublishableCommand;
import io.wharf.project.project.api.CreateVersionCommand;
import io.wharf.project.project.api.DeleteVersionCommand;
import io.wharf.project.project.api.EditVersionCommand;
import io.wharf.project.project.api.FindVersionImagesQuery;
import io.wharf.project.project.api.FindVersionQuery;
import io.wharf.project.project.api.ImageResponse;
import io.wharf.project.project.api.IncreaseVersionCommand;
import io.wharf.project.project.api.PublishVersionCommand;
import io.wharf.project.project.api.SetDefaultVersionCommand;
import io.wharf.project.project.api.VersionResponse;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The version commands of seed 003 and publish (seed 000). */
@RestController
@RequestMapping("/api/{teamSlug}/projects/{projectId}/versions")
@Tag(name = "versions", description = "Versions of a project")
class VersionController {

    private final ProjectCommands commands;
    private final QueryGateway queries;
    private final PublishDigests digests;

    VersionController(ProjectCommands commands, QueryGateway queries, PublishDigests digests) {
        this.commands = commands;
        this.queries = queries;
        this.digests = digests;
    }

    /**
     * The digests of the images a publish will pin (of {@code versionId}, or of the default version a
     * new version copies), resolved here, before the command: never inside the aggregate.
     */
    private Map<String, String> digestsOf(Caller caller, UUID projectId, String versionId) {
        List<ImageResponse> images = queries.query(new FindVersionImagesQuery(caller.teamId(), caller.teamSlug(),
                projectId.toString(), versionId), ResponseTypes.multipleInstancesOf(ImageResponse.class)).join();
        return digests.of(images);
    }

    private ResponseEntity<VersionResponse> created(String teamSlug, Caller caller, String projectId, String versionId) {
        VersionResponse body = queries.query(new FindVersionQuery(caller.teamId(), projectId, versionId),
                ResponseTypes.instanceOf(VersionResponse.class)).join();
        return ResponseEntity.created(URI.create("/api/" + teamSlug + "/projects/" + projectId + "/versions/"
                + versionId)).body(body);
    }

    @PostMapping
    @Operation(summary = "Create a version", description = "Copies the default version's images with their configs; "
            + "the first version becomes the default. publishImmediately publishes it (seed 000).")
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiResponse(responseCode = "400", description = "VALIDATION_ERROR (field)")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND")
    @ApiResponse(responseCode = "409", description = "CONFLICT: name taken")
    @ApiResponse(responseCode = "412", description = "PRECONDITION_FAILED: versionless project; publishing a rolling "
            + "version or one without images")
    @ApiResponse(responseCode = "503", description = "SERVICE_UNAVAILABLE + Retry-After: publishImmediately and a "
            + "registry did not answer the digest lookup in time; nothing created")
    ResponseEntity<VersionResponse> create(@Parameter(hidden = true) WharfPrincipal principal,
            @PathVariable String teamSlug, @PathVariable UUID projectId,
            @Valid @RequestBody ProjectRequests.CreateVersion request) {
        Caller caller = commands.caller(principal, teamSlug);
        String versionId = IdempotentIds.newId();
        boolean publish = Boolean.TRUE.equals(request.publishImmediately());
        if (publish) {
            commands.check(new CheckPublishableCommand(projectId.toString(), caller, null, request.name(),
                    request.type()));
        }
        commands.send(projectId.toString(), new CreateVersionCommand(projectId.toString(), caller, versionId,
                request.name(), request.type(), request.changelog(), publish,
                publish ? digestsOf(caller, projectId, null) : Map.of()));
        return created(teamSlug, caller, projectId.toString(), versionId);
    }

    @PutMapping("/{versionId}")
    @Operation(summary = "Edit a version's name and changelog")
    @ApiResponse(responseCode = "204", description = "Edited")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND")
    @ApiResponse(responseCode = "409", description = "CONFLICT: name taken")
    @ApiResponse(responseCode = "412", description = "PRECONDITION_FAILED: immutable version")
    ResponseEntity<Void> edit(@Parameter(hidden = true) WharfPrincipal principal, @PathVariable String teamSlug,
            @PathVariable UUID projectId, @PathVariable UUID versionId,
            @Valid @RequestBody ProjectRequests.VersionName request) {
        Caller caller = commands.caller(principal, teamSlug);
        commands.send(projectId.toString(), new EditVersionCommand(projectId.toString(), caller, versionId.toString(),
                request.name(), request.changelog()));
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/{versionId}")
    @Operation(summary = "Delete a version with its images")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND")
    @ApiResponse(responseCode = "412", description = "PRECONDITION_FAILED: not deletable")
    ResponseEntity<Void> delete(@Parameter(hidden = true) WharfPrincipal principal, @PathVariable String teamSlug,
            @PathVariable UUID projectId, @PathVariable UUID versionId) {
        Caller caller = commands.caller(principal, teamSlug);
        commands.send(projectId.toString(), new DeleteVersionCommand(projectId.toString(), caller,
                versionId.toString()));
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/{versionId}/default")
    @Operation(summary = "Make a version the project's default")
    @ApiResponse(responseCode = "204", description = "Done")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND")
    ResponseEntity<Void> makeDefault(@Parameter(hidden = true) WharfPrincipal principal, @PathVariable String teamSlug,
            @PathVariable UUID projectId, @PathVariable UUID versionId) {
        Caller caller = commands.caller(principal, teamSlug);
        commands.send(projectId.toString(), new SetDefaultVersionCommand(projectId.toString(), caller,
                versionId.toString()));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{versionId}/increase")
    @Operation(summary = "Increase an incremental version", description = "A child version with deep copies of the "
            + "images and configs; a version has one child at most.")
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND")
    @ApiResponse(responseCode = "409", description = "CONFLICT: already has a child, or name taken")
    @ApiResponse(responseCode = "412", description = "PRECONDITION_FAILED: rolling version or versionless project")
    ResponseEntity<VersionResponse> increase(@Parameter(hidden = true) WharfPrincipal principal,
            @PathVariable String teamSlug, @PathVariable UUID projectId, @PathVariable UUID versionId,
            @Valid @RequestBody ProjectRequests.VersionName request) {
        Caller caller = commands.caller(principal, teamSlug);
        String childId = IdempotentIds.newId();
        commands.send(projectId.toString(), new IncreaseVersionCommand(projectId.toString(), caller,
                versionId.toString(), childId, request.name(), request.changelog()));
        return created(teamSlug, caller, projectId.toString(), childId);
    }

    @PostMapping("/{versionId}/publish")
    @Operation(summary = "Publish an incremental version (seed 000)",
            description = "Pins every tag (to its digest where the registry can tell) and freezes the version.")
    @ApiResponse(responseCode = "204", description = "Published")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND")
    @ApiResponse(responseCode = "412", description = "PRECONDITION_FAILED: rolling, without images, or published")
    @ApiResponse(responseCode = "503", description = "SERVICE_UNAVAILABLE + Retry-After: a registry did not answer "
            + "the digest lookup in time; nothing published")
    ResponseEntity<Void> publish(@Parameter(hidden = true) WharfPrincipal principal, @PathVariable String teamSlug,
            @PathVariable UUID projectId, @PathVariable UUID versionId) {
        Caller caller = commands.caller(principal, teamSlug);
        // 404/412 before any registry is asked
        commands.check(new CheckPublishableCommand(projectId.toString(), caller, versionId.toString(), null, null));
        commands.send(projectId.toString(), new PublishVersionCommand(projectId.toString(), caller,
                versionId.toString(), digestsOf(caller, projectId, versionId.toString())));
        return ResponseEntity.noContent().build();
    }
}
