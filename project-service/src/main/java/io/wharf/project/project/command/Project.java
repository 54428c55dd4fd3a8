package io.wharf.project.project.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import com.fasterxml.jackson.annotation.JsonAutoDetect;

import io.wharf.common.error.ConflictException;
import io.wharf.common.error.ForbiddenRoleException;
import io.wharf.common.error.NotFoundException;
import io.wharf.common.error.PreconditionFailedException;
import io.wharf.common.error.ValidationException;
import io.wharf.common.events.identity.TeamRole;
import io.wharf.common.events.project.CatalogueImage;
import io.wharf.common.events.project.ContainerConfig;
import io.wharf.common.events.project.DefaultVersionSetEvent;
import io.wharf.common.events.project.ImageConfigPatchedEvent;
import io.wharf.common.events.project.ImageDeletedEvent;
import io.wharf.common.events.project.ImagesAddedEvent;
import io.wharf.common.events.project.ImagesOrderedEvent;
import io.wharf.common.events.project.PackageArchivedEvent;
import io.wharf.common.events.project.PackageCreatedEvent;
import io.wharf.common.events.project.PackageLabelsChangedEvent;
import io.wharf.common.events.project.ProjectConvertedEvent;
import io.wharf.common.events.project.ProjectCreatedEvent;
import io.wharf.common.events.project.ProjectDeletedEvent;
import io.wharf.common.events.project.ProjectDetailsEditedEvent;
import io.wharf.common.events.project.VersionCreatedEvent;
import io.wharf.common.events.project.VersionDeletedEvent;
import io.wharf.common.events.project.VersionDetailsEditedEvent;
import io.wharf.common.events.project.VersionIncreasedEvent;
import io.wharf.common.events.project.VersionPublishedEvent;
import io.wharf.project.project.api.AddImagesCommand;
import io.wharf.project.project.api.Caller;
import io.wharf.project.project.api.ConvertProjectCommand;
import io.wharf.project.project.api.CreatePackageCommand;
import io.wharf.project.project.api.CreateProjectCommand;
import io.wharf.project.project.api.CheckPublishableCommand;
import io.wharf.project.project.api.CreateVersionCommand;
import io.wharf.project.project.api.DeleteImageCommand;
import io.wharf.project.project.api.DeleteProjectCommand;
import io.wharf.project.project.api.DeleteVersionCommand;
import io.wharf.project.project.api.EditProjectCommand;
import io.wharf.project.project.api.EditVersionCommand;
import io.wharf.project.project.api.IncreaseVersionCommand;
import io.wharf.project.project.api.OrderImagesCommand;
import io.wharf.project.project.api.PatchImageCommand;
import io.wharf.project.project.api.PatchPackageCommand;
import io.wharf.project.project.api.PublishVersionCommand;
import io.wharf.project.project.api.SetDefaultVersionCommand;
import io.wharf.project.project.ProjectFeatureConfig;
import io.wharf.project.shared.RegistryDirectory;
import io.wharf.project.shared.StorageDirectory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A project with its versions, their images and configs, and its release packages: the
 * consistency boundary of SPEC §3's project, version, image, publish and package rules (names
 * unique per project, one default, one child, mutability, one image per name, order, packages'
 * images of the project). Project names span projects: {@link ProjectNameLookup}. Deployment
 * statuses come from deployment-service's replica {@link VersionDeployments}.
 *
 * <p>Order of checks: the team first (a command of another team learns nothing: 404), then the
 * target (404), then the request's shape (400), the caller's role (403), conflicts (409) and state
 * rules (412).
 */
@Aggregate(snapshotTriggerDefinition = ProjectFeatureConfig.SNAPSHOT_TRIGGER,
        snapshotFilter = ProjectFeatureConfig.SNAPSHOT_FILTER)
// Snapshots (Jackson, the event serializer) hold the fields, never derived getters.
// Bump the revision whenever the fields (here, VersionState, ImageState, PackageState) change shape
// or meaning: snapshots of another revision are ignored and the project is rebuilt from its events.
@Revision(ProjectFeatureConfig.PROJECT_REVISION)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE, setterVisibility = JsonAutoDetect.Visibility.NONE)
class Project {

    static final String PROJECT_NOT_FOUND = "Project not found.";
    static final String VERSION_NOT_FOUND = "Version not found.";
    static final String IMAGE_NOT_FOUND = "Image not found.";
    static final String PACKAGE_NOT_FOUND = "Package not found.";
    /** Deployment statuses that make an incremental version immutable (SPEC §3). */
    static final Set<String> FREEZING = Set.of("in-progress", "successful", "obsolete", "downgraded");

    @AggregateIdentifier
    private String projectId;
    private String teamId;
    private String name;
    private String type;
    private String defaultVersionId;
    private Map<String, VersionState> versions = new LinkedHashMap<>();
    private Map<String, PackageState> packages = new LinkedHashMap<>();

    record PackageState(String version, boolean archived) {
    }

    protected Project() {
        // for Axon
    }

    // --- projects ---------------------------------------------------------------------------------

    @CommandHandler
    Project(CreateProjectCommand command, ProjectNameLookup names, UnitOfWork<?> unitOfWork) {
        Caller caller = command.caller();
        String newName = ProjectRules.name(command.name(), "name");
        String newType = ProjectRules.projectType(command.type());
        ProjectRules.text(command.description(), ProjectRules.DESCRIPTION_MAX, "description");
        ProjectRules.text(command.changelog(), ProjectRules.CHANGELOG_MAX, "changelog");
        // A versioned project has no project changelog; dyrector ignores one sent on create, and so
        // do we (a client written against dyrector sends it). Only an update refuses it (SPEC §3, 412).
        claim(names, unitOfWork, caller.teamId(), newName, command.projectId());
        apply(new ProjectCreatedEvent(command.projectId(), caller.teamId(), newName, command.description(), newType,
                caller.userId(), caller.at()));
        if (ProjectRules.VERSIONLESS.equals(newType)) {
            apply(new VersionCreatedEvent(command.projectId(), caller.teamId(), command.rollingVersionId(),
                    ProjectRules.ROLLING, ProjectRules.ROLLING, command.changelog(), true, null, List.of(),
                    caller.userId(), caller.at()));
        }
    }

    @CommandHandler
    void handle(EditProjectCommand command, ProjectNameLookup names, UnitOfWork<?> unitOfWork) {
        Caller caller = requireTeam(command.caller());
        String newName = ProjectRules.name(command.name(), "name");
        ProjectRules.text(command.description(), ProjectRules.DESCRIPTION_MAX, "description");
        ProjectRules.text(command.changelog(), ProjectRules.CHANGELOG_MAX, "changelog");
        if (command.changelog() != null && !versionless()) {
            throw new PreconditionFailedException("Only versionless projects can update their changelog.",
                    "changelog", "Edit the changelog of a version instead.");
        }
        if (!ProjectRules.nameKey(newName).equals(ProjectRules.nameKey(name))) {
            claim(names, unitOfWork, teamId, newName, projectId);
        }
        apply(new ProjectDetailsEditedEvent(projectId, teamId, newName, command.description(), caller.userId(),
                caller.at()));
        if (command.changelog() != null) {
            VersionState rolling = versions.values().iterator().next();
            apply(new VersionDetailsEditedEvent(projectId, teamId, rolling.id, rolling.name, command.changelog(),
                    caller.userId(), caller.at()));
        }
    }

    @CommandHandler
    void handle(ConvertProjectCommand command) {
        Caller caller = requireTeam(command.caller());
        if (versionless()) {
            apply(new ProjectConvertedEvent(projectId, teamId, caller.userId(), caller.at()));
        }
    }

    @CommandHandler
    void handle(DeleteProjectCommand command, VersionDeployments deployments) {
        Caller caller = requireTeam(command.caller());
        // The system deletes projects of a deleted team: the team is gone, there is nothing to protect.
        boolean teamDeletion = caller.userId() == null;
        for (VersionState version : teamDeletion ? List.<VersionState>of() : versions.values()) {
            if (deployments.statusesOf(version.id).contains("in-progress")) {
                throw new PreconditionFailedException("A deployment of the project is in progress.", null,
                        "Wait until it has finished.");
            }
        }
        List<String> imageIds = versions.values().stream().flatMap(v -> v.images.keySet().stream()).toList();
        apply(new ProjectDeletedEvent(projectId, teamId, List.copyOf(versions.keySet()), imageIds, caller.userId(),
                caller.at()));
    }

    // --- versions ---------------------------------------------------------------------------------

    @CommandHandler
    void handle(CreateVersionCommand command) {
        Caller caller = requireTeam(command.caller());
        String newName = ProjectRules.name(command.name(), "name");
        String newType = ProjectRules.versionType(command.type());
        ProjectRules.text(command.changelog(), ProjectRules.CHANGELOG_MAX, "changelog");
        if (versionless()) {
            throw new PreconditionFailedException("Can not add version to a versionless project.", null,
                    "Convert the project to versioned first.");
        }
        requireNameFree(newName, null);
        VersionState source = defaultVersionId == null ? null : versions.get(defaultVersionId);
        List<CatalogueImage> copies = source == null ? List.of() : copies(source);
        if (command.publishImmediately()) {
            requirePublishable(newType, copies.isEmpty());
        }
        apply(new VersionCreatedEvent(projectId, teamId, command.versionId(), newName, newType, command.changelog(),
                defaultVersionId == null, source == null ? null : source.id, copies, caller.userId(), caller.at()));
        if (command.publishImmediately()) {
            publish(versions.get(command.versionId()), caller, command.digests());
        }
    }

    @CommandHandler
    void handle(EditVersionCommand command, VersionDeployments deployments) {
        Caller caller = requireTeam(command.caller());
        VersionState version = requireVersion(command.versionId());
        String newName = ProjectRules.name(command.name(), "name");
        ProjectRules.text(command.changelog(), ProjectRules.CHANGELOG_MAX, "changelog");
        if (versionless()) {
            throw new PreconditionFailedException("The version of a versionless project is edited with the project.",
                    null, "PUT the project's changelog.");
        }
        requireMutable(version, deployments);
        requireNameFree(newName, version.id);
        apply(new VersionDetailsEditedEvent(projectId, teamId, version.id, newName, command.changelog(),
                caller.userId(), caller.at()));
    }

    @CommandHandler
    void handle(SetDefaultVersionCommand command) {
        Caller caller = requireTeam(command.caller());
        VersionState version = requireVersion(command.versionId());
        if (!version.id.equals(defaultVersionId)) {
            apply(new DefaultVersionSetEvent(projectId, teamId, version.id, defaultVersionId, caller.userId(),
                    caller.at()));
        }
    }

    @CommandHandler
    void handle(IncreaseVersionCommand command) {
        Caller caller = requireTeam(command.caller());
        VersionState parent = requireVersion(command.versionId());
        String newName = ProjectRules.name(command.name(), "name");
        ProjectRules.text(command.changelog(), ProjectRules.CHANGELOG_MAX, "changelog");
        if (versionless()) {
            throw new PreconditionFailedException("Versions of a versionless project can not be increased.");
        }
        if (ProjectRules.ROLLING.equals(parent.type)) {
            throw new PreconditionFailedException("Can not increase a rolling version.");
        }
        if (parent.childId != null) {
            throw new ConflictException("This version already has a child version.", null,
                    "Increase the newest version of the chain.");
        }
        requireNameFree(newName, null);
        List<CatalogueImage> copies = copies(parent);
        apply(new VersionIncreasedEvent(projectId, teamId, command.newVersionId(), parent.id, newName,
                command.changelog(), copies, caller.userId(), caller.at()));
    }

    /** Answers what publishing would (404/412/400/409), applying nothing: see {@link CheckPublishableCommand}. */
    @CommandHandler
    void handle(CheckPublishableCommand command) {
        requireTeam(command.caller());
        if (command.versionId() != null) {
            VersionState version = requireVersion(command.versionId());
            if (version.published) {
                throw new PreconditionFailedException("The version is already published.", null,
                        "A published version is immutable; increase it for changes.");
            }
            requirePublishable(version.type, version.images.isEmpty());
            return;
        }
        String newName = ProjectRules.name(command.name(), "name");
        String newType = ProjectRules.versionType(command.type());
        if (versionless()) {
            throw new PreconditionFailedException("Can not add version to a versionless project.", null,
                    "Convert the project to versioned first.");
        }
        requireNameFree(newName, null);
        VersionState source = defaultVersionId == null ? null : versions.get(defaultVersionId);
        requirePublishable(newType, source == null || source.images.isEmpty());
    }

    @CommandHandler
    void handle(PublishVersionCommand command) {
        Caller caller = requireTeam(command.caller());
        VersionState version = requireVersion(command.versionId());
        if (version.published) {
            throw new PreconditionFailedException("The version is already published.", null,
                    "A published version is immutable; increase it for changes.");
        }
        requirePublishable(version.type, version.images.isEmpty());
        publish(version, caller, command.digests());
    }

    @CommandHandler
    void handle(DeleteVersionCommand command, VersionDeployments deployments) {
        Caller caller = requireTeam(command.caller());
        VersionState version = requireVersion(command.versionId());
        if (!deletable(version, deployments)) {
            throw new PreconditionFailedException("The version can not be deleted.", null,
                    "Versions with deployments that ran, published or increased versions and the version of a "
                            + "versionless project stay.");
        }
        apply(new VersionDeletedEvent(projectId, teamId, version.id, List.copyOf(version.images.keySet()),
                caller.userId(), caller.at()));
    }

    // --- images -----------------------------------------------------------------------------------

    @CommandHandler
    List<String> handle(AddImagesCommand command, RegistryDirectory registries, VersionDeployments deployments) {
        Caller caller = requireTeam(command.caller());
        VersionState version = requireVersion(command.versionId());
        if (command.registries() == null || command.registries().isEmpty()) {
            throw new ValidationException("Name at least one registry with images.", null, null);
        }
        if (command.registries().size() > ConfigRules.MAX_LIST) {
            throw new ValidationException("At most " + ConfigRules.MAX_LIST + " items.", null, null);
        }
        Set<String> names = new HashSet<>();
        version.images.values().forEach(i -> names.add(i.name));
        int order = version.images.values().stream().mapToInt(i -> i.order).max().orElse(-1);
        List<CatalogueImage> added = new ArrayList<>();
        for (int r = 0; r < command.registries().size(); r++) {
            AddImagesCommand.RegistryImages entry = command.registries().get(r);
            if (entry == null || entry.registryId() == null) {
                throw new ValidationException("A registry id is required.", "[" + r + "].registryId", null);
            }
            if (entry.images() == null || entry.images().isEmpty()) {
                throw new ValidationException("Name at least one image.", "[" + r + "].images", null);
            }
            if (entry.images().size() + added.size() + version.images.size() > ConfigRules.MAX_LIST) {
                throw new ValidationException("A version holds at most " + ConfigRules.MAX_LIST + " images.",
                        "[" + r + "].images", null);
            }
            // held against a concurrent deletion of the registry until this command's unit of work ends
            switch (registries.holdForImages(caller.teamSlug(), entry.registryId())) {
                case UNKNOWN -> throw new NotFoundException("Registry not found.", "[" + r + "].registryId", null);
                case BEING_DELETED -> throw new ConflictException("The registry is being deleted.",
                        "[" + r + "].registryId", "Try again, or choose another registry.");
                case HELD -> {
                }
            }
            for (int i = 0; i < entry.images().size(); i++) {
                String field = "[" + r + "].images[" + i + "]";
                ProjectRules.ImageRef ref = ProjectRules.imageRef(entry.images().get(i), field);
                if (!names.add(ref.name())) {
                    throw new ConflictException("The version already has an image named " + ref.name() + ".", field,
                            "Change the tag of the existing image instead.");
                }
                ContainerConfig config = ContainerConfig.defaultFor(ref.name());
                added.add(new CatalogueImage(UUID.randomUUID().toString(), entry.registryId().toString(), ref.name(),
                        ref.tag(), ++order, config, null));
            }
        }
        requireMutable(version, deployments);
        apply(new ImagesAddedEvent(projectId, teamId, version.id, added, caller.userId(), caller.at()));
        return added.stream().map(CatalogueImage::imageId).toList();
    }

    @CommandHandler
    void handle(PatchImageCommand command, VersionDeployments deployments, StorageDirectory storages,
            UserBindPaths userBinds) {
        Caller caller = requireTeam(command.caller());
        VersionState version = requireVersion(command.versionId());
        ImageState image = requireImage(version, command.imageId());
        String tag = command.tag() == null ? image.tag : ProjectRules.tag(command.tag(), "tag");
        ContainerConfig patch = ConfigRules.withIds(command.config());
        List<String> cleared = ConfigRules.clearable(command.cleared(), "config");
        ContainerConfig merged = image.config.mergedWith(patch).cleared(cleared, ContainerConfig.defaultFor(image.name));
        ConfigRules.validate(merged, "config");
        // Only a storage the patch names is checked: one already set was the team's when it was set,
        // and a storage in use can not be deleted.
        // ... and held against a concurrent deletion of it until this command's unit of work ends.
        if (patch != null && patch.storage() != null) {
            switch (storages.holdForImage(teamId, UUID.fromString(patch.storage().storageId()))) {
                case UNKNOWN -> throw new NotFoundException("Storage not found.", "config.storage.storageId",
                        "Use one of the team's storages.");
                case BEING_DELETED -> throw new ConflictException("The storage is being deleted.",
                        "config.storage.storageId", "Try again, or choose another storage.");
                case HELD -> {
                }
            }
        }
        if (ConfigRules.privileged(patch, userBinds) && !caller.role().atLeast(TeamRole.ADMIN)) {
            throw new ForbiddenRoleException("Privileged settings (host network, host path binds, capabilities) "
                    + "need the admin role.", "config", "Ask an admin of the team.");
        }
        requireMutable(version, deployments);
        if (command.tag() == null && command.config() == null && cleared.isEmpty()) {
            return;
        }
        apply(new ImageConfigPatchedEvent(projectId, teamId, version.id, image.id, tag, patch, merged,
                caller.userId(), caller.at(), cleared.isEmpty() ? null : cleared));
    }

    @CommandHandler
    void handle(DeleteImageCommand command, VersionDeployments deployments) {
        Caller caller = requireTeam(command.caller());
        VersionState version = requireVersion(command.versionId());
        ImageState image = requireImage(version, command.imageId());
        requireMutable(version, deployments);
        apply(new ImageDeletedEvent(projectId, teamId, version.id, image.id, caller.userId(), caller.at()));
    }

    @CommandHandler
    void handle(OrderImagesCommand command, VersionDeployments deployments) {
        Caller caller = requireTeam(command.caller());
        VersionState version = requireVersion(command.versionId());
        List<String> ids = command.imageIds() == null ? List.of() : command.imageIds();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            if (id == null || !version.images.containsKey(id)) {
                throw new ValidationException("Not an image of the version.", "[" + i + "]",
                        "Send every image id of the version exactly once.");
            }
            if (!seen.add(id)) {
                throw new ValidationException("Image id given twice.", "[" + i + "]",
                        "Send every image id of the version exactly once.");
            }
        }
        if (seen.size() != version.images.size()) {
            throw new ValidationException("Missing image ids.", null, "Send every image id of the version exactly once.");
        }
        requireMutable(version, deployments);
        apply(new ImagesOrderedEvent(projectId, teamId, version.id, List.copyOf(ids), caller.userId(), caller.at()));
    }

    // --- packages ---------------------------------------------------------------------------------

    @CommandHandler
    void handle(CreatePackageCommand command) {
        Caller caller = requireTeam(command.caller());
        String version = ProjectRules.semver(command.version(), "version");
        if (command.baseVersion() != null) {
            ProjectRules.semver(command.baseVersion(), "baseVersion");
            if (packages.values().stream().noneMatch(p -> p.version().equals(command.baseVersion()))) {
                throw new ValidationException("No package of the project has this version.", "baseVersion", null);
            }
        }
        if (command.components() == null || command.components().isEmpty()) {
            throw new ValidationException("A package has at least one component.", "components", null);
        }
        List<PackageCreatedEvent.Component> components = new ArrayList<>();
        Set<String> imageIds = new HashSet<>();
        for (int i = 0; i < command.components().size(); i++) {
            CreatePackageCommand.Component c = command.components().get(i);
            String field = "components[" + i + "]";
            if (c == null || c.imageId() == null) {
                throw new ValidationException("An image id is required.", field + ".imageId", null);
            }
            ImageState image = findImage(c.imageId());
            if (image == null) {
                throw new NotFoundException(IMAGE_NOT_FOUND, field + ".imageId", "Use an image of this project.");
            }
            if (!imageIds.add(c.imageId())) {
                throw new ValidationException("The image is a component already.", field + ".imageId", null);
            }
            components.add(new PackageCreatedEvent.Component(c.imageId(), ProjectRules.tag(c.version(),
                    field + ".version"), image.name, image.registryId));
        }
        List<PackageCreatedEvent.Label> labels = PackageRules.labels(command.labels());
        if (packages.values().stream().anyMatch(p -> p.version().equals(version))) {
            throw new ConflictException("The project has a package of this version.", "version", null);
        }
        apply(new PackageCreatedEvent(projectId, teamId, command.packageId(), version, command.baseVersion(),
                components, labels, caller.userId(), caller.at()));
    }

    @CommandHandler
    void handle(PatchPackageCommand command) {
        Caller caller = requireTeam(command.caller());
        PackageState pkg = packages.get(command.packageId());
        if (pkg == null) {
            throw new NotFoundException(PACKAGE_NOT_FOUND);
        }
        List<PackageCreatedEvent.Label> labels = command.labels() == null ? null : PackageRules.labels(command.labels());
        if (labels != null) {
            apply(new PackageLabelsChangedEvent(projectId, teamId, command.packageId(), labels, caller.userId(),
                    caller.at()));
        }
        if (command.archived() != null && command.archived() != pkg.archived()) {
            apply(new PackageArchivedEvent(projectId, teamId, command.packageId(), command.archived(),
                    caller.userId(), caller.at()));
        }
    }

    // --- rules ------------------------------------------------------------------------------------

    private Caller requireTeam(Caller caller) {
        if (caller == null || !teamId.equals(caller.teamId())) {
            throw new NotFoundException(PROJECT_NOT_FOUND);
        }
        return caller;
    }

    private boolean versionless() {
        return ProjectRules.VERSIONLESS.equals(type);
    }

    private VersionState requireVersion(String versionId) {
        VersionState version = versionId == null ? null : versions.get(versionId);
        if (version == null) {
            throw new NotFoundException(VERSION_NOT_FOUND);
        }
        return version;
    }

    private static ImageState requireImage(VersionState version, String imageId) {
        ImageState image = imageId == null ? null : version.images.get(imageId);
        if (image == null) {
            throw new NotFoundException(IMAGE_NOT_FOUND);
        }
        return image;
    }

    private ImageState findImage(String imageId) {
        return versions.values().stream().map(v -> v.images.get(imageId)).filter(i -> i != null).findFirst()
                .orElse(null);
    }

    private void requireNameFree(String newName, String except) {
        String key = ProjectRules.nameKey(newName);
        boolean taken = versions.values().stream()
                .anyMatch(v -> !v.id.equals(except) && ProjectRules.nameKey(v.name).equals(key));
        if (taken) {
            throw new ConflictException("Version name taken.", "name", "Choose another name.");
        }
    }

    private boolean deletable(VersionState version, VersionDeployments deployments) {
        if (deployments.statusesOf(version.id).stream().anyMatch(FREEZING::contains)) {
            return false;
        }
        if (ProjectRules.ROLLING.equals(version.type)) {
            return !versionless();
        }
        return version.increasable() && !version.published;
    }

    private static void requireMutable(VersionState version, VersionDeployments deployments) {
        if (!version.mutable(deployments.statusesOf(version.id))) {
            throw new PreconditionFailedException("Version is immutable.", null, version.published
                    ? "A published version never changes; increase it for a new one."
                    : "Increase the version to change its images.");
        }
    }

    private static void requirePublishable(String versionType, boolean noImages) {
        if (!ProjectRules.INCREMENTAL.equals(versionType)) {
            throw new PreconditionFailedException("Only incremental versions can be published.", null, null);
        }
        if (noImages) {
            throw new PreconditionFailedException("A version without images can not be published.", null,
                    "Add images first.");
        }
    }

    /**
     * Pins every tag (seed 000): to the digest the controller resolved for the image's registry,
     * name and tag, where there is one (a digest resolved for a tag changed since keeps nothing).
     */
    private void publish(VersionState version, Caller caller, Map<String, String> digests) {
        Map<String, String> known = digests == null ? Map.of() : digests;
        List<CatalogueImage> pinned = version.ordered().stream().map(i -> new CatalogueImage(i.id, i.registryId,
                i.name, i.tag, i.order, i.config, digest(known.get(PublishVersionCommand.key(i.registryId, i.name,
                        i.tag))))).toList();
        apply(new VersionPublishedEvent(projectId, teamId, version.id, pinned, caller.userId(), caller.at()));
    }

    /** A digest as the registry answers it ({@code sha256:} + 64 hex), else none (the tag stays). */
    private static String digest(String candidate) {
        return candidate != null && candidate.matches("sha256:[0-9a-f]{64}") ? candidate : null;
    }

    private static List<CatalogueImage> copies(VersionState source) {
        return source.ordered().stream().map(i -> new CatalogueImage(UUID.randomUUID().toString(), i.registryId,
                i.name, i.tag, i.order, i.config, null)).toList();
    }

    private static void claim(ProjectNameLookup names, UnitOfWork<?> unitOfWork, String teamId, String name,
            String projectId) {
        if (names.claim(teamId, name, projectId)) {
            unitOfWork.onRollback(u -> names.release(teamId, name, projectId));
        }
    }

    // --- state ------------------------------------------------------------------------------------

    @EventSourcingHandler
    void on(ProjectCreatedEvent event) {
        projectId = event.projectId();
        teamId = event.teamId();
        name = event.name();
        type = event.type();
    }

    @EventSourcingHandler
    void on(ProjectDetailsEditedEvent event) {
        name = event.name();
    }

    @EventSourcingHandler
    void on(ProjectConvertedEvent event) {
        type = ProjectRules.VERSIONED;
    }

    @EventSourcingHandler
    void on(ProjectDeletedEvent event) {
        markDeleted();
    }

    @EventSourcingHandler
    void on(VersionCreatedEvent event) {
        VersionState version = new VersionState(event.versionId(), event.name(), event.type());
        event.images().forEach(i -> version.images.put(i.imageId(), new ImageState(i)));
        versions.put(version.id, version);
        if (event.isDefault()) {
            defaultVersionId = version.id;
        }
    }

    @EventSourcingHandler
    void on(VersionIncreasedEvent event) {
        VersionState version = new VersionState(event.versionId(), event.name(), ProjectRules.INCREMENTAL);
        version.parentId = event.parentVersionId();
        event.images().forEach(i -> version.images.put(i.imageId(), new ImageState(i)));
        versions.put(version.id, version);
        versions.get(event.parentVersionId()).childId = version.id;
    }

    @EventSourcingHandler
    void on(VersionDetailsEditedEvent event) {
        versions.get(event.versionId()).name = event.name();
    }

    @EventSourcingHandler
    void on(DefaultVersionSetEvent event) {
        defaultVersionId = event.versionId();
    }

    @EventSourcingHandler
    void on(VersionPublishedEvent event) {
        VersionState version = versions.get(event.versionId());
        version.published = true;
        event.images().forEach(i -> version.images.get(i.imageId()).digest = i.digest());
    }

    @EventSourcingHandler
    void on(VersionDeletedEvent event) {
        VersionState gone = versions.remove(event.versionId());
        if (gone.parentId != null && versions.containsKey(gone.parentId)) {
            versions.get(gone.parentId).childId = null;
        }
        if (event.versionId().equals(defaultVersionId)) {
            defaultVersionId = null;
        }
    }

    @EventSourcingHandler
    void on(ImagesAddedEvent event) {
        VersionState version = versions.get(event.versionId());
        event.images().forEach(i -> version.images.put(i.imageId(), new ImageState(i)));
    }

    @EventSourcingHandler
    void on(ImageConfigPatchedEvent event) {
        ImageState image = versions.get(event.versionId()).images.get(event.imageId());
        image.tag = event.tag();
        image.config = event.config();
    }

    @EventSourcingHandler
    void on(ImageDeletedEvent event) {
        versions.get(event.versionId()).images.remove(event.imageId());
    }

    @EventSourcingHandler
    void on(ImagesOrderedEvent event) {
        VersionState version = versions.get(event.versionId());
        for (int i = 0; i < event.imageIds().size(); i++) {
            version.images.get(event.imageIds().get(i)).order = i;
        }
    }

    @EventSourcingHandler
    void on(PackageCreatedEvent event) {
        packages.put(event.packageId(), new PackageState(event.version(), false));
    }

    @EventSourcingHandler
    void on(PackageArchivedEvent event) {
        packages.computeIfPresent(event.packageId(), (id, p) -> new PackageState(p.version(), event.archived()));
    }
}
