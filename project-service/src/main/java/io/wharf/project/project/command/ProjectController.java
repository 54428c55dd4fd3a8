package io.wharf.project.project.command;

import io.wharf.common.metadata.IdempotentIds;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.wharf.common.security.WharfPrincipal;
import io.wharf.project.project.api.Caller;
import io.wharf.project.project.api.ConvertProjectCommand;
import io.wharf.project.project.api.CreateProjectCommand;
import io.wharf.project.project.api.DeleteProjectCommand;
import io.wharf.project.project.api.EditProjectCommand;
import io.wharf.project.project.api.FindProjectQuery;
import io.wharf.project.project.api.ProjectResponse;
import jakarta.validation.Valid;
import java.net.URI;
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

/** The project commands of seed 003; every rule is the Project aggregate's. */
@RestController
@RequestMapping("/api/{teamSlug}/projects")
@Tag(name = "projects", description = "Projects, versions, images and packages")
class ProjectController {

    private final ProjectCommands commands;
    private final QueryGateway queries;

    ProjectController(ProjectCommands commands, QueryGateway queries) {
        this.commands = commands;
        this.queries = queries;
    }

    @PostMapping
    @Operation(summary = "Create a project", description = "A versionless project gets its hidden rolling version.")
    @ApiResponse(responseCode = "201", description = "Created; Location of the project")
    @ApiResponse(responseCode = "400", description = "VALIDATION_ERROR (field)")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND: not a member of the team")
    @ApiResponse(responseCode = "409", description = "CONFLICT: name taken")
    ResponseEntity<ProjectResponse> create(@Parameter(hidden = true) WharfPrincipal principal,
            @PathVariable String teamSlug, @Valid @RequestBody ProjectRequests.CreateProject request) {
        Caller caller = commands.caller(principal, teamSlug);
        String projectId = IdempotentIds.newId();
        commands.send(projectId, new CreateProjectCommand(projectId, caller, request.name(), request.description(),
                request.type(), request.changelog(), IdempotentIds.newId()));
        ProjectResponse body = queries.query(new FindProjectQuery(caller.teamId(), projectId),
                ResponseTypes.instanceOf(ProjectResponse.class)).join();
        return ResponseEntity.created(URI.create("/api/" + teamSlug + "/projects/" + projectId)).body(body);
    }

    @PutMapping("/{projectId}")
    @Operation(summary = "Edit a project's name, description (and changelog when versionless)")
    @ApiResponse(responseCode = "204", description = "Edited")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND")
    @ApiResponse(responseCode = "409", description = "CONFLICT: name taken")
    @ApiResponse(responseCode = "412", description = "PRECONDITION_FAILED: changelog on a versioned project")
    ResponseEntity<Void> edit(@Parameter(hidden = true) WharfPrincipal principal, @PathVariable String teamSlug,
            @PathVariable UUID projectId, @Valid @RequestBody ProjectRequests.EditProject request) {
        Caller caller = commands.caller(principal, teamSlug);
        commands.send(projectId.toString(), new EditProjectCommand(projectId.toString(), caller, request.name(),
                request.description(), request.changelog()));
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/{projectId}")
    @Operation(summary = "Delete a project with its versions, images and packages")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND")
    @ApiResponse(responseCode = "412", description = "PRECONDITION_FAILED: a deployment is in progress")
    ResponseEntity<Void> delete(@Parameter(hidden = true) WharfPrincipal principal, @PathVariable String teamSlug,
            @PathVariable UUID projectId) {
        Caller caller = commands.caller(principal, teamSlug);
        commands.send(projectId.toString(), new DeleteProjectCommand(projectId.toString(), caller));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{projectId}/convert")
    @Operation(summary = "Convert a versionless project to versioned", description = "The rolling version stays.")
    @ApiResponse(responseCode = "204", description = "Converted (or already versioned)")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND")
    ResponseEntity<Void> convert(@Parameter(hidden = true) WharfPrincipal principal, @PathVariable String teamSlug,
            @PathVariable UUID projectId) {
        Caller caller = commands.caller(principal, teamSlug);
        commands.send(projectId.toString(), new ConvertProjectCommand(projectId.toString(), caller));
        return ResponseEntity.noContent().build();
    }
}
