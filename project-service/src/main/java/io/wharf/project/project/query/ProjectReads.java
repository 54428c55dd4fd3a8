package io.wharf.project.project.query;

import static io.wharf.project.project.query.ProjectViews.instant;

import io.wharf.project.project.api.AuditResponse;
import io.wharf.project.project.api.ImageResponse;
import io.wharf.project.project.api.PackageResponse;
import io.wharf.project.project.api.ProjectResponse;
import io.wharf.project.project.api.VersionDetailsResponse;
import io.wharf.project.project.api.VersionResponse;
import io.wharf.project.shared.RegistryDirectory;
import io.wharf.project.shared.RegistrySummary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Turns view documents into seed 003's shapes. The derived flags follow SPEC §3 (the write side
 * enforces the same rules): increasable = incremental without child; mutable = rolling, or
 * incremental, increasable, not published and no deployment that ran; deletable = no deployment
 * that ran and (rolling → versioned project; incremental → increasable and not published).
 * Deployment statuses come from the replica {@code version_deployment_states} (empty until
 * deployment-service publishes).
 */
@Component
class ProjectReads {

    private final ProjectViews views;
    private final RegistryDirectory registries;

    ProjectReads(ProjectViews views, RegistryDirectory registries) {
        this.views = views;
        this.registries = registries;
    }

    static AuditResponse audit(Document d) {
        String createdBy = d.getString("createdBy");
        String updatedBy = d.getString("updatedBy");
        return new AuditResponse(instant(d, "createdAt"), createdBy, instant(d, "updatedAt"),
                updatedBy == null ? createdBy : updatedBy);
    }

    /** From the project document alone (its {@code versionCount} is kept by the projection). */
    ProjectResponse project(Document p) {
        return new ProjectResponse(p.getString("type"), p.getString("description"), versionCount(p), audit(p),
                p.getString("_id"), p.getString("name"));
    }

    /**
     * Views written before the projection kept {@code versionCount} lack it until their project's
     * next version event (or a replay): those few are counted, as every project was before.
     */
    private long versionCount(Document p) {
        Object count = p.get("versionCount");
        return count instanceof Number n ? n.longValue()
                : views.versions.countDocuments(new Document("projectId", p.getString("_id")));
    }

    static boolean increasable(Document v) {
        return "incremental".equals(v.getString("type")) && v.getString("childId") == null;
    }

    static boolean published(Document v) {
        return Boolean.TRUE.equals(v.getBoolean("published"));
    }

    static final java.util.Set<String> FREEZING = java.util.Set.of("in-progress", "successful", "obsolete",
            "downgraded");

    boolean mutable(Document v) {
        if ("rolling".equals(v.getString("type"))) {
            return true;
        }
        return increasable(v) && !published(v) && !frozen(v);
    }

    boolean deletable(Document v, Document project) {
        if (frozen(v)) {
            return false;
        }
        if ("rolling".equals(v.getString("type"))) {
            return "versioned".equals(project.getString("type"));
        }
        return increasable(v) && !published(v);
    }

    private boolean frozen(Document v) {
        return views.deploymentStatuses(v.getString("_id")).stream().anyMatch(FREEZING::contains);
    }

    /** SPEC §3: a project is deletable while none of its deployments is in progress. */
    boolean projectDeletable(List<Document> versions) {
        return versions.stream().noneMatch(v -> views.deploymentStatuses(v.getString("_id")).contains("in-progress"));
    }

    VersionResponse version(Document v, Document project) {
        return new VersionResponse(v.getString("type"), audit(v), v.getString("changelog"),
                Boolean.TRUE.equals(v.getBoolean("isDefault")), increasable(v), v.getString("_id"), v.getString("name"),
                published(v), instant(v, "publishedAt"), v.getString("publishedBy"));
    }

    VersionDetailsResponse versionDetails(Document v, Document project, String teamSlug) {
        List<ImageResponse> images = images(views.imagesOf(v.getString("_id")), teamSlug);
        return new VersionDetailsResponse(v.getString("type"), audit(v), v.getString("changelog"),
                Boolean.TRUE.equals(v.getBoolean("isDefault")), increasable(v), v.getString("_id"), v.getString("name"),
                mutable(v), deletable(v, project), images, List.of(), published(v), instant(v, "publishedAt"),
                v.getString("publishedBy"));
    }

    List<ImageResponse> images(List<Document> images, String teamSlug) {
        Map<String, Optional<RegistrySummary>> known = new HashMap<>();
        return images.stream().map(d -> image(d, known.computeIfAbsent(d.getString("registryId"),
                id -> registry(teamSlug, id)))).toList();
    }

    ImageResponse image(Document d, String teamSlug) {
        return image(d, registry(teamSlug, d.getString("registryId")));
    }

    private Optional<RegistrySummary> registry(String teamSlug, String registryId) {
        try {
            return registries.find(teamSlug, UUID.fromString(registryId));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private ImageResponse image(Document d, Optional<RegistrySummary> registry) {
        String registryId = d.getString("registryId");
        return new ImageResponse(d.getString("_id"), d.getString("name"), d.getString("tag"),
                d.getInteger("order", 0), views.read(d.getString("config")), instant(d, "createdAt"),
                new ImageResponse.RegistryRef(registry.map(RegistrySummary::type).orElse(null), registryId,
                        registry.map(RegistrySummary::name).orElse(null)),
                d.getString("digest"));
    }

    Optional<PackageResponse> packageOf(String teamId, String projectId, String packageId) {
        return Optional.ofNullable(views.packages.find(new Document("_id", packageId).append("projectId", projectId)
                .append("teamId", teamId)).first()).map(this::packageOf);
    }

    PackageResponse packageOf(Document d) {
        List<PackageResponse.Component> components = d.getList("components", Document.class).stream()
                .map(c -> {
                    Document image = views.images.find(new Document("_id", c.getString("imageId"))).first();
                    // the name the package was created with; packages of older events only know the image's
                    String name = c.getString("name") != null ? c.getString("name")
                            : image == null ? null : image.getString("name");
                    String registryId = c.getString("registryId") != null ? c.getString("registryId")
                            : image == null ? null : image.getString("registryId");
                    return new PackageResponse.Component(c.getString("imageId"), c.getString("imageId"), name,
                            registryId, c.getString("version"), name == null ? null : name + ":" + c.getString("version"),
                            image == null);
                }).toList();
        List<PackageResponse.Label> labels = d.getList("labels", Document.class).stream()
                .map(l -> new PackageResponse.Label(l.getString("id"), l.getString("text"), l.getString("color")))
                .toList();
        return new PackageResponse(d.getString("_id"), d.getString("projectId"), d.getString("version"),
                d.getString("baseVersion"), Boolean.TRUE.equals(d.getBoolean("archived")), components, labels,
                audit(d));
    }
}
