package io.wharf.project.project.query;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.wharf.common.access.TeamAccess;
import io.wharf.common.error.NotFoundException;
import io.wharf.common.events.identity.TeamRole;
import io.wharf.common.security.WharfPrincipal;
import io.wharf.project.project.api.ContainerImageResponse;
import io.wharf.project.project.api.ImageResponse;
import io.wharf.project.project.api.PackageResponse;
import io.wharf.project.project.api.ProjectDetailsResponse;
import io.wharf.project.project.api.ProjectResponse;
import io.wharf.project.project.api.VersionDetailsResponse;
import io.wharf.project.project.api.VersionResponse;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The catalogue reads of seed 003 (and packages, container images) from the project views. Every id
 * of another team answers the same 404 as an unknown one.
 */
@RestController
@Tag(name = "projects", description = "Projects, versions, images and packages")
class ProjectQueryController {

    private final TeamAccess access;
    private final ProjectViews views;
    private final ProjectReads reads;

    ProjectQueryController(TeamAccess access, ProjectViews views, ProjectReads reads) {
        this.access = access;
        this.views = views;
        this.reads = reads;
    }

    private Document project(String teamId, UUID projectId) {
        return views.project(teamId, projectId.toString())
                .orElseThrow(() -> new NotFoundException("Project not found."));
    }

    private Document version(String teamId, UUID projectId, UUID versionId) {
        project(teamId, projectId);
        return views.version(teamId, projectId.toString(), versionId.toString())
                .orElseThrow(() -> new NotFoundException("Version not found."));
    }

    @GetMapping("/api/{teamSlug}/projects")
    @Operation(summary = "The team's projects")
    @ApiResponse(responseCode = "200", description = "Projects")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND: not a member of the team")
    List<ProjectResponse> list(@Parameter(hidden = true) WharfPrincipal caller, @PathVariable String teamSlug) {
        String teamId = access.require(caller, teamSlug, TeamRole.USER);
        return views.projectsOf(teamId).stream().map(reads::project).toList();
    }

    @GetMapping("/api/{teamSlug}/projects/{projectId}")
    @Operation(summary = "A project with its versions")
    @ApiResponse(responseCode = "200", description = "The project")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND")
    ProjectDetailsResponse details(@Parameter(hidden = true) WharfPrincipal caller, @PathVariable String teamSlug,
            @PathVariable UUID projectId) {
        String teamId = access.require(caller, teamSlug, TeamRole.USER);
        Document p = project(teamId, projectId);
        List<Document> versionViews = views.versionsOf(p.getString("_id"));
        List<VersionResponse> versions = versionViews.stream().map(v -> reads.version(v, p)).toList();
        return new ProjectDetailsResponse(p.getString("type"), p.getString("description"),
                reads.projectDeletable(versionViews), versions, ProjectReads.audit(p), p.getString("_id"),
                p.getString("name"));
    }

    @GetMapping("/api/{teamSlug}/projects/{projectId}/versions")
    @Operation(summary = "The versions of a project")
    @ApiResponse(responseCode = "200", description = "Versions")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND")
    List<VersionResponse> versions(@Parameter(hidden = true) WharfPrincipal caller, @PathVariable String teamSlug,
            @PathVariable UUID projectId) {
        String teamId = access.require(caller, teamSlug, TeamRole.USER);
        Document p = project(teamId, projectId);
        return views.versionsOf(p.getString("_id")).stream().map(v -> reads.version(v, p)).toList();
    }

    @GetMapping("/api/{teamSlug}/projects/{projectId}/versions/{versionId}")
    @Operation(summary = "A version with its images")
    @ApiResponse(responseCode = "200", description = "The version")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND")
    VersionDetailsResponse version(@Parameter(hidden = true) WharfPrincipal caller, @PathVariable String teamSlug,
            @PathVariable UUID projectId, @PathVariable UUID versionId) {
        String teamId = access.require(caller, teamSlug, TeamRole.USER);
        Document p = project(teamId, projectId);
        Document v = version(teamId, projectId, versionId);
        return reads.versionDetails(v, p, teamSlug);
    }

    @GetMapping("/api/{teamSlug}/projects/{projectId}/versions/{versionId}/images")
    @Operation(summary = "The images of a version, in order")
    @ApiResponse(responseCode = "200", description = "Images")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND")
    List<ImageResponse> images(@Parameter(hidden = true) WharfPrincipal caller, @PathVariable String teamSlug,
            @PathVariable UUID projectId, @PathVariable UUID versionId) {
        String teamId = access.require(caller, teamSlug, TeamRole.USER);
        version(teamId, projectId, versionId);
        return reads.images(views.imagesOf(versionId.toString()), teamSlug);
    }

    @GetMapping("/api/{teamSlug}/projects/{projectId}/versions/{versionId}/images/{imageId}")
    @Operation(summary = "An image with its config")
    @ApiResponse(responseCode = "200", description = "The image")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND")
    ImageResponse image(@Parameter(hidden = true) WharfPrincipal caller, @PathVariable String teamSlug,
            @PathVariable UUID projectId, @PathVariable UUID versionId, @PathVariable UUID imageId) {
        String teamId = access.require(caller, teamSlug, TeamRole.USER);
        version(teamId, projectId, versionId);
        return views.imagesOf(versionId.toString()).stream().filter(d -> imageId.toString().equals(d.getString("_id")))
                .findFirst().map(d -> reads.image(d, teamSlug))
                .orElseThrow(() -> new NotFoundException("Image not found."));
    }

    @GetMapping("/api/{teamSlug}/projects/{projectId}/packages")
    @Operation(summary = "The packages of a project (archived ones too)")
    @ApiResponse(responseCode = "200", description = "Packages")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND")
    List<PackageResponse> packages(@Parameter(hidden = true) WharfPrincipal caller, @PathVariable String teamSlug,
            @PathVariable UUID projectId) {
        String teamId = access.require(caller, teamSlug, TeamRole.USER);
        project(teamId, projectId);
        return views.packagesOf(projectId.toString()).stream().map(reads::packageOf).toList();
    }

    @GetMapping("/api/{teamSlug}/projects/{projectId}/packages/{packageId}")
    @Operation(summary = "A package")
    @ApiResponse(responseCode = "200", description = "The package")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND")
    PackageResponse packageDetails(@Parameter(hidden = true) WharfPrincipal caller, @PathVariable String teamSlug,
            @PathVariable UUID projectId, @PathVariable UUID packageId) {
        String teamId = access.require(caller, teamSlug, TeamRole.USER);
        project(teamId, projectId);
        return reads.packageOf(teamId, projectId.toString(), packageId.toString())
                .orElseThrow(() -> new NotFoundException("Package not found."));
    }

    @GetMapping("/api/{teamSlug}/container-images")
    @Operation(summary = "Distinct images (registry + name) used by the team's versions (seed 002)",
            description = "Stable ids; linked deployments come from deployment-service (empty here).")
    @ApiResponse(responseCode = "200", description = "Container images")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND: not a member of the team")
    List<ContainerImageResponse> containerImages(@Parameter(hidden = true) WharfPrincipal caller,
            @PathVariable String teamSlug) {
        String teamId = access.require(caller, teamSlug, TeamRole.USER);
        Map<String, List<Document>> byImage = new LinkedHashMap<>();
        views.imagesOfTeam(teamId).stream()
                .sorted(Comparator.comparing((Document d) -> d.getString("name")).thenComparing(d -> d.getString("registryId")))
                .forEach(d -> byImage.computeIfAbsent(d.getString("registryId") + "/" + d.getString("name"),
                        k -> new java.util.ArrayList<>()).add(d));
        return byImage.values().stream().map(group -> {
            Document first = group.get(0);
            ImageResponse sample = reads.image(first, teamSlug);
            List<String> tags = group.stream().map(d -> d.getString("tag")).distinct().sorted().toList();
            int versions = (int) group.stream().map(d -> d.getString("versionId")).distinct().count();
            return new ContainerImageResponse(containerImageId(teamId, first.getString("registryId"),
                    first.getString("name")), first.getString("name"), sample.registry(), tags, versions, List.of());
        }).toList();
    }

    /** Stable across replays and restarts: a name-based UUID of team, registry and image name. */
    static String containerImageId(String teamId, String registryId, String name) {
        return UUID.nameUUIDFromBytes((teamId + "/" + registryId + "/" + name).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
