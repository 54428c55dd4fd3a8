package io.wharf.project.template;

import io.wharf.common.access.TeamAccess;
import io.wharf.common.error.ConflictException;
import io.wharf.common.error.ForbiddenRoleException;
import io.wharf.common.events.identity.TeamRole;
import io.wharf.common.metadata.IdempotentIds;
import io.wharf.common.security.WharfPrincipal;
import io.wharf.common.axon.ViewWait;
import io.wharf.project.project.api.AddImagesCommand;
import io.wharf.project.project.api.Caller;
import io.wharf.project.project.api.CreateProjectCommand;
import io.wharf.project.project.api.DeleteProjectCommand;
import io.wharf.project.project.api.CreateVersionCommand;
import io.wharf.project.project.api.FindProjectViewVersionQuery;
import io.wharf.project.project.api.PatchImageCommand;
import io.wharf.project.registry.api.CreateRegistryCommand;
import io.wharf.project.registry.api.FindRegistryViewVersionQuery;
import io.wharf.project.registry.api.RegistryDetails;
import io.wharf.project.registry.directory.RegistryNames;
import io.wharf.project.shared.RegistryDirectory;
import io.wharf.project.shared.RegistrySummary;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.ObjectProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A project from a template, through the commands a client would send one by one (every rule stays
 * the aggregates'): the team's missing registries (by name, no live check, like dyrector), the
 * project, for a versioned project its incremental version {@code 1.0.0} (the default), the images
 * in the template's order and each image's config as a patch.
 *
 * <p>Roles: any member ({@code user}+) may create a project from a template whose registries the
 * team has (every team has the Docker Hub Library); creating a missing registry needs {@code admin},
 * so a {@code user} gets 403 FORBIDDEN_ROLE ({@code field: id}) before anything is created.
 *
 * <p>Not one transaction: the project is created first (a name conflict, 409, leaves nothing
 * behind); should a later step fail (a version, an image add or a config patch refused), the project
 * is deleted again ({@code DeleteProjectCommand}, which frees its name) and the original error is
 * the answer. Registries created for it stay: they are the team's, usable by other projects.
 */
@Component
class TemplateProjects {

    private static final Logger log = LoggerFactory.getLogger(TemplateProjects.class);

    static final String FIRST_VERSION = "1.0.0";

    private final TeamAccess access;
    private final CommandGateway commands;
    private final RegistryDirectory registries;
    private final RegistryNames registryNames;
    private final ViewWait views;
    private final Clock clock;

    TemplateProjects(TeamAccess access, CommandGateway commands, RegistryDirectory registries,
                     RegistryNames registryNames, ViewWait views,
                     ObjectProvider<Clock> clocks) {
        this.access = access;
        this.commands = commands;
        this.registries = registries;
        this.registryNames = registryNames;
        this.views = views;
        this.clock = clocks.getIfUnique(Clock::systemUTC);
    }

    /** @return the caller (team id for the answer) and the new project's id */
    Created create(WharfPrincipal principal, Template template, String teamSlug, String name, String description,
            String type) {
        String teamId = access.require(principal, teamSlug, TeamRole.USER);
        TeamRole role = access.roleIn(principal, teamSlug).orElse(TeamRole.USER);
        Caller caller = new Caller(teamId, teamSlug, principal.userId(), role, clock.instant());

        List<Template.RegistryNeed> missing = template.registries().stream()
                .filter(r -> registries.findByName(teamSlug, r.name()).isEmpty()).toList();
        if (!missing.isEmpty() && !role.atLeast(TeamRole.ADMIN)) {
            throw new ForbiddenRoleException("The team has no registry named \"" + missing.get(0).name()
                    + "\"; adding registries needs the admin role.", "id",
                    "Ask an admin to create the project, or to add the registry first.");
        }

        String projectId = IdempotentIds.newId();
        String rollingId = IdempotentIds.newId();
        commands.sendAndWait(new CreateProjectCommand(projectId, caller, name, description, type, null, rollingId));
        try {
            fill(template, teamId, teamSlug, caller, projectId, rollingId, type);
        } catch (RuntimeException failed) {
            undo(projectId, caller, failed);
            throw failed;
        }
        views.awaitView(projectId, new FindProjectViewVersionQuery(projectId));
        return new Created(teamId, projectId);
    }

    /** Everything after the project: registries, the first version, images, their configs. */
    private void fill(Template template, String teamId, String teamSlug, Caller caller, String projectId,
            String rollingId, String type) {
        Map<String, UUID> registryIds = new LinkedHashMap<>();
        for (Template.RegistryNeed need : template.registries()) {
            registryIds.put(need.name(), registryOf(teamId, teamSlug, need));
        }

        String versionId = rollingId;
        if (!"versionless".equals(type)) {
            versionId = IdempotentIds.newId();
            commands.sendAndWait(new CreateVersionCommand(projectId, caller, versionId, FIRST_VERSION, "incremental",
                    null, false));
        }

        // one entry per image keeps the template's order (the aggregate orders in the command's order)
        List<AddImagesCommand.RegistryImages> images = new ArrayList<>();
        template.images().forEach(i -> images.add(new AddImagesCommand.RegistryImages(registryIds.get(i.registry()),
                List.of(i.image()))));
        List<String> imageIds = commands.sendAndWait(new AddImagesCommand(projectId, caller, versionId, images));
        for (int i = 0; i < imageIds.size(); i++) {
            Template.Image image = template.images().get(i);
            if (image.config() != null) {
                commands.sendAndWait(new PatchImageCommand(projectId, caller, versionId, imageIds.get(i), null,
                        image.config()));
            }
        }
    }

    /** Deletes the half-made project (its name freed with it); a failure here is added to the original one. */
    private void undo(String projectId, Caller caller, RuntimeException failed) {
        try {
            commands.sendAndWait(new DeleteProjectCommand(projectId, caller));
            views.awaitView(projectId, new FindProjectViewVersionQuery(projectId));
        } catch (RuntimeException cleanup) {
            log.warn("Project {} from a template could not be deleted after a failed step: {}", projectId,
                    cleanup.getMessage());
            failed.addSuppressed(cleanup);
        }
    }

    record Created(String teamId, String projectId) {
    }

    /** The team's registry of that name, created when missing (a concurrent creation of it is used). */
    private UUID registryOf(String teamId, String teamSlug, Template.RegistryNeed need) {
        Optional<RegistrySummary> existing = registries.findByName(teamSlug, need.name());
        if (existing.isPresent()) {
            return existing.get().id();
        }
        String registryId = IdempotentIds.newId();
        try {
            if (!registryNames.claim(teamId, need.name(), registryId)) {
                return UUID.fromString(registryId); // a retry of this request created it already
            }
        } catch (ConflictException concurrent) {
            return registries.findByName(teamSlug, need.name()).map(RegistrySummary::id).orElseThrow(() -> concurrent);
        }
        try {
            commands.sendAndWait(new CreateRegistryCommand(registryId, teamId, need.name(), null, null, need.type(),
                    new RegistryDetails(need.details().url(), need.details().imageNamePrefix(), null, null, null, null),
                    clock.instant()));
        } catch (RuntimeException refused) {
            registryNames.release(teamId, need.name(), registryId);
            throw refused;
        }
        views.awaitView(registryId, new FindRegistryViewVersionQuery(registryId));
        return UUID.fromString(registryId);
    }
}
