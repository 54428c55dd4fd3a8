package io.wharf.project.template;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.wharf.common.error.NotFoundException;
import io.wharf.common.security.WharfPrincipal;
import io.wharf.project.project.api.FindProjectQuery;
import io.wharf.project.project.api.ProjectResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.util.List;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The template routes of seed 003: the catalogue, a template's picture, a project from a template. */
@RestController
@RequestMapping("/api/templates")
@Tag(name = "templates", description = "Applications shipped with Wharf, turned into projects")
class TemplateController {

    static final MediaType SVG = MediaType.parseMediaType("image/svg+xml");

    private final TemplateCatalogue catalogue;
    private final TemplateProjects projects;
    private final QueryGateway queries;

    TemplateController(TemplateCatalogue catalogue, TemplateProjects projects, QueryGateway queries) {
        this.catalogue = catalogue;
        this.projects = projects;
        this.queries = queries;
    }

    record TemplateResponse(String id, String name, String description, List<String> technologies) {
    }

    record CreateFromTemplate(
            @NotNull @Schema(description = "a template id of GET /api/templates") String id,
            @NotNull @Schema(description = "the team the project belongs to") String teamSlug,
            @NotNull @Schema(description = "1 to 70 characters, unique in the team") String name,
            String description,
            @NotNull @Schema(description = "versionless or versioned (gets version 1.0.0)") String type) {
    }

    @GetMapping
    @Operation(summary = "List the templates")
    @ApiResponse(responseCode = "200", description = "[{id, name, description, technologies}] sorted by name")
    @ApiResponse(responseCode = "401", description = "UNAUTHORIZED")
    List<TemplateResponse> list(@Parameter(hidden = true) WharfPrincipal principal) {
        return catalogue.all().stream()
                .map(t -> new TemplateResponse(t.id(), t.name(), t.description(), t.technologies())).toList();
    }

    @GetMapping("/{templateId}/image")
    @Operation(summary = "A template's picture (SVG)")
    @ApiResponse(responseCode = "200", description = "image/svg+xml")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND: no such template")
    ResponseEntity<byte[]> image(@Parameter(hidden = true) WharfPrincipal principal, @PathVariable String templateId) {
        Template template = catalogue.find(templateId).orElseThrow(() -> new NotFoundException("Template not found."));
        return ResponseEntity.ok().contentType(SVG).cacheControl(CacheControl.noCache()).body(template.picture());
    }

    @PostMapping
    @Operation(summary = "Create a project from a template", description = "Missing registries of the template are "
            + "created by name (admin or owner); a versioned project gets the incremental version 1.0.0.")
    @ApiResponse(responseCode = "201", description = "The project (seed 003 shape); Location of it")
    @ApiResponse(responseCode = "400", description = "VALIDATION_ERROR (field)")
    @ApiResponse(responseCode = "403", description = "FORBIDDEN_ROLE: a user, and the team lacks a registry of the "
            + "template")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND: no such team (or not a member), or template (field id)")
    @ApiResponse(responseCode = "409", description = "CONFLICT: project name taken")
    ResponseEntity<ProjectResponse> create(@Parameter(hidden = true) WharfPrincipal principal,
            @Valid @RequestBody CreateFromTemplate request) {
        Template template = catalogue.find(request.id())
                .orElseThrow(() -> new NotFoundException("Template not found.", "id", "See GET /api/templates."));
        TemplateProjects.Created created = projects.create(principal, template, request.teamSlug(), request.name(),
                request.description(), request.type());
        ProjectResponse body = queries.query(new FindProjectQuery(created.teamId(), created.projectId()),
                ResponseTypes.instanceOf(ProjectResponse.class)).join();
        return ResponseEntity.created(URI.create("/api/" + request.teamSlug() + "/projects/" + created.projectId()))
                .body(body);
    }
}
