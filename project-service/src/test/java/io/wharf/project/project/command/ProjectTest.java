package io.wharf.project.project.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.common.error.ConflictException;
import io.wharf.common.error.ForbiddenRoleException;
import io.wharf.common.error.NotFoundException;
import io.wharf.common.error.PreconditionFailedException;
import io.wharf.common.error.ValidationException;
import io.wharf.common.error.WharfException;
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
import io.wharf.probe.InMemoryRegistryDirectory;
import io.wharf.project.project.api.AddImagesCommand;
import io.wharf.project.project.api.Caller;
import io.wharf.project.project.api.ConvertProjectCommand;
import io.wharf.project.project.api.CreatePackageCommand;
import io.wharf.project.project.api.CreateProjectCommand;
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
import io.wharf.project.project.api.CheckPublishableCommand;
import io.wharf.project.project.api.SetDefaultVersionCommand;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.TestExecutor;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One fixture test per rule of the Project aggregate (SPEC §3, seeds 000 and 001), unhappy paths included. */
class ProjectTest {

    static final String TEAM = "team-1";
    static final String SLUG = "blue-whale";
    static final String OTHER_TEAM = "team-2";
    static final String P = "3f9d7a10-0000-4000-8000-000000000001";
    static final String V1 = "3f9d7a10-0000-4000-8000-0000000000a1";
    static final String V2 = "3f9d7a10-0000-4000-8000-0000000000a2";
    static final String V3 = "3f9d7a10-0000-4000-8000-0000000000a3";
    static final String IMG1 = "3f9d7a10-0000-4000-8000-0000000000b1";
    static final String IMG2 = "3f9d7a10-0000-4000-8000-0000000000b2";
    static final String PKG = "3f9d7a10-0000-4000-8000-0000000000c1";
    static final String ADA = "ada";
    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private AggregateTestFixture<Project> fixture;
    private InMemoryProjectNameLookup names;
    private InMemoryVersionDeployments deployments;
    private InMemoryRegistryDirectory registries;
    private UUID registry;
    private UUID foreignRegistry;
    private InMemoryStorageDirectory storages;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Project.class);
        names = new InMemoryProjectNameLookup();
        deployments = new InMemoryVersionDeployments();
        registries = new InMemoryRegistryDirectory();
        registry = registries.add(SLUG, "local");
        foreignRegistry = registries.add("other-team", "theirs");
        fixture.registerInjectableResource(names);
        fixture.registerInjectableResource(deployments);
        fixture.registerInjectableResource(registries);
        storages = new InMemoryStorageDirectory();
        fixture.registerInjectableResource(storages);
        fixture.registerInjectableResource(UserBindPaths.NONE);
    }

    // --- helpers ------------------------------------------------------------------------------------

    static Caller user() {
        return new Caller(TEAM, SLUG, ADA, TeamRole.USER, T0);
    }

    static Caller admin() {
        return new Caller(TEAM, SLUG, ADA, TeamRole.ADMIN, T0);
    }

    static Caller stranger() {
        return new Caller(OTHER_TEAM, "other-team", "eve", TeamRole.OWNER, T0);
    }

    static ProjectCreatedEvent versioned() {
        return new ProjectCreatedEvent(P, TEAM, "Shop", null, "versioned", ADA, T0);
    }

    static ProjectCreatedEvent versionless() {
        return new ProjectCreatedEvent(P, TEAM, "Shop", null, "versionless", ADA, T0);
    }

    static VersionCreatedEvent rolling() {
        return new VersionCreatedEvent(P, TEAM, V1, "rolling", "rolling", null, true, null, List.of(), ADA, T0);
    }

    static VersionCreatedEvent version(String id, String name, boolean isDefault) {
        return new VersionCreatedEvent(P, TEAM, id, name, "incremental", null, isDefault, null, List.of(), ADA, T0);
    }

    CatalogueImage image(String id, String name, int order) {
        return new CatalogueImage(id, registry.toString(), name, "1", order, ContainerConfig.defaultFor(name), null);
    }

    ImagesAddedEvent imagesAdded(String versionId, CatalogueImage... images) {
        return new ImagesAddedEvent(P, TEAM, versionId, List.of(images), ADA, T0);
    }

    /** A versioned project with incremental default version V1 holding nginx (IMG1) and redis (IMG2). */
    TestExecutor<Project> givenVersionWithImages() {
        return fixture.given(versioned(), version(V1, "1.0.0", true),
                imagesAdded(V1, image(IMG1, "library/nginx", 0), image(IMG2, "library/redis", 1)));
    }

    static Matcher<Throwable> refusal(Class<? extends WharfException> type, String field) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Throwable t) {
                return type.isInstance(t) && java.util.Objects.equals(((WharfException) t).field(), field);
            }

            @Override
            public void describeTo(Description d) {
                d.appendText(type.getSimpleName() + " with field " + field);
            }
        };
    }

    /** Runs AssertJ checks on the payloads of the published events. */
    static Matcher<List<EventMessage<?>>> payloads(Consumer<List<Object>> check) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(List<EventMessage<?>> events) {
                check.accept(events.stream().<Object>map(EventMessage::getPayload).toList());
                return true;
            }

            @Override
            public void describeTo(Description d) {
                d.appendText("events passing the assertions");
            }
        };
    }

    /** A config patch that sets only the given fields (by name). */
    static ContainerConfig configWith(String field, Object value) {
        Object[] args = new Object[30];
        String[] names = {"expose", "restartPolicy", "networkMode", "deploymentStrategy", "name", "environment",
                "secrets", "routing", "user", "tty", "configContainer", "ports", "portRanges", "volumes", "commands",
                "args", "initContainers", "capabilities", "storage", "logConfig", "networks", "dockerLabels",
                "customHeaders", "proxyHeaders", "useLoadBalancer", "extraLBAnnotations", "healthCheckConfig",
                "resourceConfig", "annotations", "labels"};
        int i = List.of(names).indexOf(field);
        assertThat(i).as(field).isNotNegative();
        args[i] = value;
        try {
            return (ContainerConfig) ContainerConfig.class.getDeclaredConstructors()[0].newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- projects -----------------------------------------------------------------------------------

    @Test
    void versionlessProjectGetsAHiddenRollingDefaultVersion() {
        fixture.givenNoPriorActivity()
                .when(new CreateProjectCommand(P, user(), " Shop ", "the shop", "versionless", "first", V1))
                .expectEvents(new ProjectCreatedEvent(P, TEAM, "Shop", "the shop", "versionless", ADA, T0),
                        new VersionCreatedEvent(P, TEAM, V1, "rolling", "rolling", "first", true, null, List.of(), ADA,
                                T0));
        assertThat(names.entries).containsKey(MongoProjectNameLookup.key(TEAM, "shop"));
    }

    @Test
    void versionedProjectStartsWithoutVersions() {
        fixture.givenNoPriorActivity()
                .when(new CreateProjectCommand(P, user(), "Shop", null, "versioned", null, V1))
                .expectEvents(versioned());
    }

    @Test
    void projectNamesAreUniquePerTeam() {
        names.confirm(TEAM, "SHOP", "another-project");
        fixture.givenNoPriorActivity()
                .when(new CreateProjectCommand(P, user(), "shop", null, "versioned", null, V1))
                .expectException(refusal(ConflictException.class, "name"));
    }

    @Test
    void theSameNameIsFreeInAnotherTeam() {
        names.confirm(OTHER_TEAM, "Shop", "another-project");
        fixture.givenNoPriorActivity()
                .when(new CreateProjectCommand(P, user(), "Shop", null, "versioned", null, V1))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void badNameAndTypeAreRefusedWithTheirField() {
        fixture.givenNoPriorActivity().when(new CreateProjectCommand(P, user(), " ", null, "versioned", null, V1))
                .expectException(refusal(ValidationException.class, "name"));
        fixture.givenNoPriorActivity().when(new CreateProjectCommand(P, user(), "x".repeat(71), null, "versioned",
                null, V1)).expectException(refusal(ValidationException.class, "name"));
        fixture.givenNoPriorActivity().when(new CreateProjectCommand(P, user(), "Shop", null, "rolling", null, V1))
                .expectException(refusal(ValidationException.class, "type"));
    }

    @Test
    void changelogIsOnlyForVersionlessProjects() {
        fixture.given(versioned()).when(new EditProjectCommand(P, user(), "Shop", null, "notes"))
                .expectException(refusal(PreconditionFailedException.class, "changelog"));
    }

    @Test
    void aChangelogSentWithANewVersionedProjectIsIgnoredAsDyrectorDoes() {
        fixture.givenNoPriorActivity().when(new CreateProjectCommand(P, user(), "Shop", null, "versioned", "x", V1))
                .expectEvents(new ProjectCreatedEvent(P, TEAM, "Shop", null, "versioned", ADA, T0));
    }

    @Test
    void changelogOfAVersionlessProjectIsItsRollingVersions() {
        fixture.given(versionless(), rolling()).when(new EditProjectCommand(P, user(), "Shop 2", "d", "notes"))
                .expectEvents(new ProjectDetailsEditedEvent(P, TEAM, "Shop 2", "d", ADA, T0),
                        new VersionDetailsEditedEvent(P, TEAM, V1, "rolling", "notes", ADA, T0));
    }

    @Test
    void renamingToATakenNameConflicts() {
        names.confirm(TEAM, "Cart", "another-project");
        fixture.given(versioned()).when(new EditProjectCommand(P, user(), "cart", null, null))
                .expectException(refusal(ConflictException.class, "name"));
    }

    @Test
    void convertTurnsVersionlessIntoVersionedAndKeepsTheRollingVersion() {
        fixture.given(versionless(), rolling()).when(new ConvertProjectCommand(P, user()))
                .expectEvents(new ProjectConvertedEvent(P, TEAM, ADA, T0));
        fixture.given(versioned()).when(new ConvertProjectCommand(P, user())).expectNoEvents();
        // once converted, versions can be added
        fixture.given(versionless(), rolling(), new ProjectConvertedEvent(P, TEAM, ADA, T0))
                .when(new CreateVersionCommand(P, user(), V2, "1.0.0", "incremental", null, false))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void commandsOfAnotherTeamFindNoProject() {
        fixture.given(versioned()).when(new DeleteProjectCommand(P, stranger()))
                .expectException(NotFoundException.class);
        fixture.given(versioned()).when(new CreateVersionCommand(P, stranger(), V1, "1.0.0", null, null, false))
                .expectException(NotFoundException.class);
    }

    @Test
    void projectCannotBeDeletedWhileADeploymentIsInProgress() {
        deployments.put(V1, "in-progress");
        givenVersionWithImages().when(new DeleteProjectCommand(P, user()))
                .expectException(PreconditionFailedException.class);
    }

    @Test
    void deletingAProjectNamesEverythingThatGoesWithIt() {
        givenVersionWithImages().when(new DeleteProjectCommand(P, user()))
                .expectEvents(new ProjectDeletedEvent(P, TEAM, List.of(V1), List.of(IMG1, IMG2), ADA, T0))
                .expectMarkedDeleted();
    }

    @Test
    void aDeletedTeamsProjectsGoEvenWithADeploymentInProgress() {
        deployments.put(V1, "in-progress");
        givenVersionWithImages().when(new DeleteProjectCommand(P, Caller.system(TEAM, T0)))
                .expectEvents(new ProjectDeletedEvent(P, TEAM, List.of(V1), List.of(IMG1, IMG2), null, T0));
    }

    // --- versions -----------------------------------------------------------------------------------

    @Test
    void versionlessProjectsTakeNoVersions() {
        fixture.given(versionless(), rolling())
                .when(new CreateVersionCommand(P, user(), V2, "1.0.0", "incremental", null, false))
                .expectException(PreconditionFailedException.class);
    }

    @Test
    void theFirstVersionBecomesTheDefault() {
        fixture.given(versioned()).when(new CreateVersionCommand(P, user(), V1, "1.0.0", null, "c", false))
                .expectEvents(new VersionCreatedEvent(P, TEAM, V1, "1.0.0", "incremental", "c", true, null, List.of(),
                        ADA, T0));
    }

    @Test
    void aNewVersionCopiesTheDefaultVersionsImagesWithConfigs() {
        givenVersionWithImages().when(new CreateVersionCommand(P, user(), V2, "2.0.0", "rolling", null, false))
                .expectEventsMatching(payloads(events -> {
                    assertThat(events).hasSize(1);
                    VersionCreatedEvent created = (VersionCreatedEvent) events.get(0);
                    assertThat(created.isDefault()).isFalse();
                    assertThat(created.copiedFromVersionId()).isEqualTo(V1);
                    assertThat(created.type()).isEqualTo("rolling");
                    assertThat(created.images()).extracting(CatalogueImage::name, CatalogueImage::tag,
                                    CatalogueImage::order, CatalogueImage::config)
                            .containsExactly(
                                    org.assertj.core.groups.Tuple.tuple("library/nginx", "1", 0,
                                            ContainerConfig.defaultFor("library/nginx")),
                                    org.assertj.core.groups.Tuple.tuple("library/redis", "1", 1,
                                            ContainerConfig.defaultFor("library/redis")));
                    assertThat(created.images()).extracting(CatalogueImage::imageId).doesNotContain(IMG1, IMG2);
                }));
    }

    @Test
    void versionNamesAreUniquePerProject() {
        givenVersionWithImages().when(new CreateVersionCommand(P, user(), V2, " 1.0.0 ", null, null, false))
                .expectException(refusal(ConflictException.class, "name"));
        givenVersionWithImages().when(new CreateVersionCommand(P, user(), V2, "1.0.0", "weekly", null, false))
                .expectException(refusal(ValidationException.class, "type"));
    }

    @Test
    void renamingAVersionToATakenNameConflicts() {
        fixture.given(versioned(), version(V1, "1.0.0", true), version(V2, "2.0.0", false))
                .when(new EditVersionCommand(P, user(), V2, " 1.0.0 ", "dup"))
                .expectException(refusal(ConflictException.class, "name")).expectNoEvents();
        fixture.given(versioned(), version(V1, "1.0.0", true), version(V2, "2.0.0", false))
                .when(new EditVersionCommand(P, user(), V2, "2.0.0", "same name, new notes"))
                .expectEvents(new VersionDetailsEditedEvent(P, TEAM, V2, "2.0.0", "same name, new notes", ADA, T0));
    }

    @Test
    void setDefaultMovesTheFlag() {
        fixture.given(versioned(), version(V1, "1.0.0", true), version(V2, "2.0.0", false))
                .when(new SetDefaultVersionCommand(P, user(), V2))
                .expectEvents(new DefaultVersionSetEvent(P, TEAM, V2, V1, ADA, T0));
        fixture.given(versioned(), version(V1, "1.0.0", true))
                .when(new SetDefaultVersionCommand(P, user(), V1)).expectNoEvents();
        fixture.given(versioned(), version(V1, "1.0.0", true))
                .when(new SetDefaultVersionCommand(P, user(), V3)).expectException(NotFoundException.class);
    }

    @Test
    void increaseDeepCopiesImagesAndLinksTheParent() {
        givenVersionWithImages().when(new IncreaseVersionCommand(P, user(), V1, V2, "1.1.0", "more"))
                .expectEventsMatching(payloads(events -> {
                    VersionIncreasedEvent increased = (VersionIncreasedEvent) events.get(0);
                    assertThat(increased.parentVersionId()).isEqualTo(V1);
                    assertThat(increased.versionId()).isEqualTo(V2);
                    assertThat(increased.images()).extracting(CatalogueImage::name)
                            .containsExactly("library/nginx", "library/redis");
                    assertThat(increased.images()).extracting(CatalogueImage::imageId).doesNotContain(IMG1, IMG2);
                }));
    }

    @Test
    void aVersionHasOneChildAtMost() {
        givenVersionWithImages()
                .andGiven(new VersionIncreasedEvent(P, TEAM, V2, V1, "1.1.0", null, List.of(), ADA, T0))
                .when(new IncreaseVersionCommand(P, user(), V1, V3, "1.2.0", null))
                .expectException(ConflictException.class);
    }

    @Test
    void rollingVersionsAndVersionlessProjectsCannotBeIncreased() {
        fixture.given(versioned(), rolling()).when(new IncreaseVersionCommand(P, user(), V1, V2, "x", null))
                .expectException(PreconditionFailedException.class);
        fixture.given(versionless(), rolling()).when(new IncreaseVersionCommand(P, user(), V1, V2, "x", null))
                .expectException(PreconditionFailedException.class);
    }

    @Test
    void anIncreasedVersionIsImmutable() {
        givenVersionWithImages()
                .andGiven(new VersionIncreasedEvent(P, TEAM, V2, V1, "1.1.0", null, List.of(), ADA, T0))
                .when(new DeleteImageCommand(P, user(), V1, IMG1))
                .expectException(PreconditionFailedException.class);
    }

    @Test
    void deletingTheChildMakesTheParentIncreasableAgain() {
        givenVersionWithImages()
                .andGiven(new VersionIncreasedEvent(P, TEAM, V2, V1, "1.1.0", null, List.of(), ADA, T0),
                        new VersionDeletedEvent(P, TEAM, V2, List.of(), ADA, T0))
                .when(new IncreaseVersionCommand(P, user(), V1, V3, "1.2.0", null))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void deploymentsThatRanFreezeAnIncrementalVersionButNotARollingOne() {
        deployments.put(V1, "successful");
        givenVersionWithImages().when(new EditVersionCommand(P, user(), V1, "1.0.1", null))
                .expectException(PreconditionFailedException.class);
        givenVersionWithImages().when(new DeleteVersionCommand(P, user(), V1))
                .expectException(PreconditionFailedException.class);
        fixture.given(versioned(), new VersionCreatedEvent(P, TEAM, V1, "edge", "rolling", null, true, null,
                        List.of(), ADA, T0))
                .when(new EditVersionCommand(P, user(), V1, "edge-2", "c"))
                .expectEvents(new VersionDetailsEditedEvent(P, TEAM, V1, "edge-2", "c", ADA, T0));
    }

    @Test
    void preparingAndFailedDeploymentsLeaveAVersionMutable() {
        deployments.put(V1, "preparing");
        deployments.put(V1, "failed");
        givenVersionWithImages().when(new EditVersionCommand(P, user(), V1, "1.0.1", null))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void deletableRules() {
        // the rolling version of a versionless project stays
        fixture.given(versionless(), rolling()).when(new DeleteVersionCommand(P, user(), V1))
                .expectException(PreconditionFailedException.class);
        // a rolling version of a versioned project goes
        fixture.given(versionless(), rolling(), new ProjectConvertedEvent(P, TEAM, ADA, T0))
                .when(new DeleteVersionCommand(P, user(), V1))
                .expectEvents(new VersionDeletedEvent(P, TEAM, V1, List.of(), ADA, T0));
        // an increased incremental version stays
        givenVersionWithImages()
                .andGiven(new VersionIncreasedEvent(P, TEAM, V2, V1, "1.1.0", null, List.of(), ADA, T0))
                .when(new DeleteVersionCommand(P, user(), V1)).expectException(PreconditionFailedException.class);
        // an increasable one goes with its images
        givenVersionWithImages().when(new DeleteVersionCommand(P, user(), V1))
                .expectEvents(new VersionDeletedEvent(P, TEAM, V1, List.of(IMG1, IMG2), ADA, T0));
    }

    @Test
    void theVersionOfAVersionlessProjectIsEditedThroughTheProject() {
        fixture.given(versionless(), rolling()).when(new EditVersionCommand(P, user(), V1, "x", null))
                .expectException(PreconditionFailedException.class);
    }

    // --- publish (seed 000) ---------------------------------------------------------------------------

    @Test
    void publishingPinsTagsToTheDigestsResolvedBeforeTheCommand() {
        String nginx = PublishVersionCommand.key(registry.toString(), "library/nginx", "1");
        // a digest of another tag (the tag changed after resolving) and a malformed one pin nothing
        String redisOtherTag = PublishVersionCommand.key(registry.toString(), "library/redis", "2");
        givenVersionWithImages().when(new PublishVersionCommand(P, user(), V1, java.util.Map.of(
                        nginx, "sha256:" + "a".repeat(64), redisOtherTag, "sha256:" + "c".repeat(64))))
                .expectEvents(new VersionPublishedEvent(P, TEAM, V1, List.of(
                        new CatalogueImage(IMG1, registry.toString(), "library/nginx", "1", 0,
                                ContainerConfig.defaultFor("library/nginx"), "sha256:" + "a".repeat(64)),
                        new CatalogueImage(IMG2, registry.toString(), "library/redis", "1", 1,
                                ContainerConfig.defaultFor("library/redis"), null)), ADA, T0));
    }

    @Test
    void aMalformedDigestIsNotPinned() {
        givenVersionWithImages().when(new PublishVersionCommand(P, user(), V1, java.util.Map.of(
                        PublishVersionCommand.key(registry.toString(), "library/nginx", "1"), "latest")))
                .expectEventsMatching(payloads(events -> assertThat(((VersionPublishedEvent) events.get(0)).images())
                        .extracting(CatalogueImage::digest).containsOnlyNulls()));
    }

    @Test
    void onlyIncrementalVersionsWithImagesArePublished() {
        fixture.given(versioned(), new VersionCreatedEvent(P, TEAM, V1, "edge", "rolling", null, true, null,
                List.of(), ADA, T0)).when(new PublishVersionCommand(P, user(), V1))
                .expectException(PreconditionFailedException.class);
        fixture.given(versioned(), version(V1, "1.0.0", true)).when(new PublishVersionCommand(P, user(), V1))
                .expectException(PreconditionFailedException.class);
    }

    /** The check before any registry is asked answers like the publish would, and applies nothing. */
    @Test
    void thePublishCheckAnswersLikeThePublishWithoutEvents() {
        givenVersionWithImages().when(new CheckPublishableCommand(P, user(), V1, null, null))
                .expectSuccessfulHandlerExecution().expectNoEvents();
        fixture.given(versioned(), new VersionCreatedEvent(P, TEAM, V1, "edge", "rolling", null, true, null,
                List.of(), ADA, T0)).when(new CheckPublishableCommand(P, user(), V1, null, null))
                .expectException(PreconditionFailedException.class).expectNoEvents();
        fixture.given(versioned(), version(V1, "1.0.0", true)).when(new CheckPublishableCommand(P, user(), V1, null, null))
                .expectException(PreconditionFailedException.class);
        givenVersionWithImages().andGiven(new VersionPublishedEvent(P, TEAM, V1, List.of(), ADA, T0))
                .when(new CheckPublishableCommand(P, user(), V1, null, null))
                .expectException(PreconditionFailedException.class);
        givenVersionWithImages().when(new CheckPublishableCommand(P, user(), UUID.randomUUID().toString(), null, null))
                .expectException(NotFoundException.class);
        // a new version publishing at once: copies the default's images, so it needs some
        givenVersionWithImages().when(new CheckPublishableCommand(P, user(), null, "2.0.0", "incremental"))
                .expectSuccessfulHandlerExecution().expectNoEvents();
        fixture.given(versioned(), version(V1, "1.0.0", true))
                .when(new CheckPublishableCommand(P, user(), null, "2.0.0", "incremental"))
                .expectException(PreconditionFailedException.class);
        givenVersionWithImages().when(new CheckPublishableCommand(P, user(), null, "2.0.0", "rolling"))
                .expectException(PreconditionFailedException.class);
    }

    @Test
    void aPublishedVersionIsImmutable() {
        VersionPublishedEvent published = new VersionPublishedEvent(P, TEAM, V1, List.of(), ADA, T0);
        givenVersionWithImages().andGiven(published).when(new PatchImageCommand(P, user(), V1, IMG1, "2", null))
                .expectException(PreconditionFailedException.class);
        givenVersionWithImages().andGiven(published).when(new AddImagesCommand(P, user(), V1, List.of(
                        new AddImagesCommand.RegistryImages(registry, List.of("library/postgres")))))
                .expectException(PreconditionFailedException.class);
        givenVersionWithImages().andGiven(published).when(new OrderImagesCommand(P, user(), V1, List.of(IMG2, IMG1)))
                .expectException(PreconditionFailedException.class);
        givenVersionWithImages().andGiven(published).when(new DeleteVersionCommand(P, user(), V1))
                .expectException(PreconditionFailedException.class);
        givenVersionWithImages().andGiven(published).when(new EditVersionCommand(P, user(), V1, "1.0.1", null))
                .expectException(PreconditionFailedException.class);
        givenVersionWithImages().andGiven(published).when(new PublishVersionCommand(P, user(), V1))
                .expectException(PreconditionFailedException.class);
        // but it can be increased: the child is a mutable copy without pins
        givenVersionWithImages().andGiven(published).when(new IncreaseVersionCommand(P, user(), V1, V2, "1.1.0", null))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void publishImmediatelyPublishesTheNewVersion() {
        String digest = "sha256:" + "d".repeat(64);
        givenVersionWithImages().when(new CreateVersionCommand(P, user(), V2, "2.0.0", "incremental", null, true,
                        java.util.Map.of(PublishVersionCommand.key(registry.toString(), "library/redis", "1"), digest)))
                .expectEventsMatching(payloads(events -> {
                    assertThat(events).hasSize(2);
                    assertThat(events.get(0)).isInstanceOf(VersionCreatedEvent.class);
                    VersionPublishedEvent published = (VersionPublishedEvent) events.get(1);
                    assertThat(published.versionId()).isEqualTo(V2);
                    assertThat(published.images()).hasSize(2);
                    assertThat(published.images()).extracting(CatalogueImage::name, CatalogueImage::digest)
                            .containsExactly(org.assertj.core.groups.Tuple.tuple("library/nginx", null),
                                    org.assertj.core.groups.Tuple.tuple("library/redis", digest));
                }));
    }

    @Test
    void publishImmediatelyNeedsAnIncrementalVersionWithImages() {
        fixture.given(versioned()).when(new CreateVersionCommand(P, user(), V1, "1.0.0", "incremental", null, true))
                .expectException(PreconditionFailedException.class).expectNoEvents();
        givenVersionWithImages().when(new CreateVersionCommand(P, user(), V2, "edge", "rolling", null, true))
                .expectException(PreconditionFailedException.class).expectNoEvents();
    }

    // --- images ---------------------------------------------------------------------------------------

    @Test
    void addedImagesGetLatestTheDefaultConfigAndTheNextOrder() {
        givenVersionWithImages().when(new AddImagesCommand(P, user(), V1, List.of(new AddImagesCommand.RegistryImages(
                        registry, List.of("library/postgres", "acme/my_app:2.1")))))
                .expectEventsMatching(payloads(events -> {
                    ImagesAddedEvent added = (ImagesAddedEvent) events.get(0);
                    assertThat(added.images()).extracting(CatalogueImage::name, CatalogueImage::tag,
                            CatalogueImage::order).containsExactly(
                            org.assertj.core.groups.Tuple.tuple("library/postgres", "latest", 2),
                            org.assertj.core.groups.Tuple.tuple("acme/my_app", "2.1", 3));
                    ContainerConfig config = added.images().get(0).config();
                    assertThat(config.name()).isEqualTo("postgres");
                    assertThat(config.expose()).isEqualTo("none");
                    assertThat(config.restartPolicy()).isEqualTo("no");
                    assertThat(config.networkMode()).isEqualTo("bridge");
                    assertThat(config.deploymentStrategy()).isEqualTo("recreate");
                    assertThat(config.user()).as("dyrector's -1: the image's user").isEqualTo(-1);
                    assertThat(added.images().get(1).config().name()).isEqualTo("my-app");
                }));
    }

    @Test
    void imageNamesAreLowerCaseRepositoryPaths() {
        givenVersionWithImages().when(new AddImagesCommand(P, user(), V1, List.of(new AddImagesCommand.RegistryImages(
                        registry, List.of("ok/one", "Bad Name")))))
                .expectException(refusal(ValidationException.class, "[0].images[1]"));
        givenVersionWithImages().when(new AddImagesCommand(P, user(), V1, List.of(new AddImagesCommand.RegistryImages(
                        registry, List.of("ok/one:bad tag")))))
                .expectException(refusal(ValidationException.class, "[0].images[0]"));
    }

    @Test
    void aVersionHoldsAtMost512Images() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 511; i++) {
            many.add("img/n" + i);
        }
        givenVersionWithImages().when(new AddImagesCommand(P, user(), V1, List.of(new AddImagesCommand.RegistryImages(
                        registry, many)))).expectException(refusal(ValidationException.class, "[0].images"));
        givenVersionWithImages().when(new AddImagesCommand(P, user(), V1, List.of(new AddImagesCommand.RegistryImages(
                        registry, many.subList(0, 510))))).expectSuccessfulHandlerExecution();
    }

    @Test
    void imagesComeFromTheTeamsRegistriesOnly() {
        givenVersionWithImages().when(new AddImagesCommand(P, user(), V1, List.of(
                        new AddImagesCommand.RegistryImages(registry, List.of("a/b")),
                        new AddImagesCommand.RegistryImages(foreignRegistry, List.of("c/d")))))
                .expectException(refusal(NotFoundException.class, "[1].registryId")).expectNoEvents();
    }

    @Test
    void aRegistryOrStorageBeingDeletedIsAConflictAtItsField() {
        UUID leaving = registries.add(SLUG, "leaving");
        registries.deleting(leaving);
        givenVersionWithImages().when(new AddImagesCommand(P, user(), V1, List.of(
                        new AddImagesCommand.RegistryImages(registry, List.of("a/b")),
                        new AddImagesCommand.RegistryImages(leaving, List.of("c/d")))))
                .expectException(refusal(ConflictException.class, "[1].registryId")).expectNoEvents();
        UUID storage = storages.add(TEAM);
        storages.deleting(storage);
        givenVersionWithImages().when(new PatchImageCommand(P, user(), V1, IMG1, null, configWith("storage",
                        new ContainerConfig.Storage(storage.toString(), "backups", "wharf"))))
                .expectException(refusal(ConflictException.class, "config.storage.storageId")).expectNoEvents();
    }

    @Test
    void oneImagePerNamePerVersion() {
        givenVersionWithImages().when(new AddImagesCommand(P, user(), V1, List.of(new AddImagesCommand.RegistryImages(
                        registry, List.of("library/nginx:2")))))
                .expectException(refusal(ConflictException.class, "[0].images[0]"));
        givenVersionWithImages().when(new AddImagesCommand(P, user(), V1, List.of(new AddImagesCommand.RegistryImages(
                        registry, List.of("a/b", "a/b:2")))))
                .expectException(refusal(ConflictException.class, "[0].images[1]"));
    }

    @Test
    void patchMergesWholeFieldsAndLabelsPerSubList() {
        ContainerConfig.UniqueKeyValue env = new ContainerConfig.UniqueKeyValue("e1", "PORT", "80");
        ContainerConfig.Markers labels = new ContainerConfig.Markers(
                List.of(new ContainerConfig.UniqueKeyValue("l1", "tier", "web")), null, null);
        givenVersionWithImages()
                .andGiven(new ImageConfigPatchedEvent(P, TEAM, V1, IMG1, "1", null,
                        ContainerConfig.defaultFor("library/nginx").mergedWith(configWith("labels",
                                new ContainerConfig.Markers(null, List.of(new ContainerConfig.UniqueKeyValue("d1",
                                        "team", "blue")), null))), ADA, T0))
                .when(new PatchImageCommand(P, user(), V1, IMG1, "1.25", configWith("environment", List.of(env))
                        .mergedWith(configWith("labels", labels))))
                .expectEventsMatching(payloads(events -> {
                    ImageConfigPatchedEvent patched = (ImageConfigPatchedEvent) events.get(0);
                    assertThat(patched.tag()).isEqualTo("1.25");
                    assertThat(patched.config().environment()).containsExactly(env);
                    assertThat(patched.config().labels().service()).containsExactly(labels.service().get(0));
                    assertThat(patched.config().labels().deployment()).extracting(ContainerConfig.UniqueKeyValue::key)
                            .containsExactly("team");
                    assertThat(patched.config().name()).isEqualTo("nginx");
                    assertThat(patched.config().networkMode()).isEqualTo("bridge");
                }));
    }

    @Test
    void patchGivesListItemsWithoutIdAnId() {
        givenVersionWithImages().when(new PatchImageCommand(P, user(), V1, IMG1, null, configWith("environment",
                        List.of(new ContainerConfig.UniqueKeyValue(null, "A", "1")))))
                .expectEventsMatching(payloads(events -> assertThat(((ImageConfigPatchedEvent) events.get(0)).config()
                        .environment().get(0).id()).isNotBlank()));
    }

    @Test
    void anInvalidPatchIsRefusedWithItsFieldAndStoresNothing() {
        givenVersionWithImages().when(new PatchImageCommand(P, user(), V1, IMG1, null, configWith("ports", List.of(
                        new ContainerConfig.Port("a", 80, 8080), new ContainerConfig.Port("b", 70000, null)))))
                .expectException(refusal(ValidationException.class, "config.ports[1].internal")).expectNoEvents();
        givenVersionWithImages().when(new PatchImageCommand(P, user(), V1, IMG1, "bad tag", null))
                .expectException(refusal(ValidationException.class, "tag")).expectNoEvents();
    }

    @Test
    void aStorageOfTheTeamCanBeSetInAConfig() {
        UUID ours = storages.add(TEAM);
        givenVersionWithImages().when(new PatchImageCommand(P, user(), V1, IMG1, null, configWith("storage",
                        new ContainerConfig.Storage(ours.toString(), "backups", "wharf"))))
                .expectEventsMatching(payloads(events -> assertThat(((ImageConfigPatchedEvent) events.get(0)).config()
                        .storage().storageId()).isEqualTo(ours.toString())));
    }

    @Test
    void aStorageOfAnotherTeamOrNoneIsNotFoundAtItsField() {
        UUID theirs = storages.add(OTHER_TEAM);
        for (UUID storage : List.of(theirs, UUID.randomUUID())) {
            givenVersionWithImages().when(new PatchImageCommand(P, user(), V1, IMG1, null, configWith("storage",
                            new ContainerConfig.Storage(storage.toString(), "backups", "wharf"))))
                    .expectException(refusal(NotFoundException.class, "config.storage.storageId")).expectNoEvents();
        }
    }

    @Test
    void aStorageSetEarlierIsNotCheckedAgainWhenOtherFieldsChange() {
        UUID ours = storages.add(TEAM);
        ContainerConfig withStorage = configWith("storage", new ContainerConfig.Storage(ours.toString(), "b", "p"));
        givenVersionWithImages()
                .andGiven(new ImageConfigPatchedEvent(P, TEAM, V1, IMG1, "1", withStorage,
                        ContainerConfig.defaultFor("nginx").mergedWith(withStorage), ADA, T0))
                .when(new PatchImageCommand(P, user(), V1, IMG1, null, configWith("restartPolicy", "always")))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void anExplicitNullClearsAFieldBackToTheDefaultAndAbsentKeepsIt() {
        UUID ours = storages.add(TEAM);
        ContainerConfig set = configWith("storage", new ContainerConfig.Storage(ours.toString(), "b", "p"))
                .mergedWith(configWith("routing", new ContainerConfig.Routing("shop.example.com", "/", false, null)))
                .mergedWith(configWith("user", 1000))
                .mergedWith(configWith("configContainer", new ContainerConfig.ConfigContainer("busybox", "cfg", "/c",
                        true)))
                .mergedWith(configWith("healthCheckConfig", new ContainerConfig.HealthCheck(80, "/l", null, null)))
                .mergedWith(configWith("resourceConfig", new ContainerConfig.Resources(
                        new ContainerConfig.ResourceLimit("1", "1Gi"), null)))
                .mergedWith(configWith("logConfig", new ContainerConfig.LogConfig("local", List.of())))
                .mergedWith(configWith("name", "web"))
                .mergedWith(configWith("tty", true))
                .mergedWith(configWith("environment", List.of(new ContainerConfig.UniqueKeyValue("e", "A", "1"))))
                .mergedWith(configWith("labels", new ContainerConfig.Markers(
                        List.of(new ContainerConfig.UniqueKeyValue("l", "a", "1")),
                        List.of(new ContainerConfig.UniqueKeyValue("m", "b", "2")), null)));
        ContainerConfig before = ContainerConfig.defaultFor("library/nginx").mergedWith(set);
        List<String> cleared = List.of("storage", "routing", "user", "configContainer", "healthCheckConfig",
                "resourceConfig", "logConfig", "name", "tty", "environment", "labels.service");
        givenVersionWithImages()
                .andGiven(new ImageConfigPatchedEvent(P, TEAM, V1, IMG1, "1", set, before, ADA, T0))
                .when(new PatchImageCommand(P, user(), V1, IMG1, null, configWith("restartPolicy", "always"), cleared))
                .expectEventsMatching(payloads(events -> {
                    ImageConfigPatchedEvent patched = (ImageConfigPatchedEvent) events.get(0);
                    ContainerConfig after = patched.config();
                    assertThat(patched.cleared()).containsExactlyElementsOf(cleared);
                    assertThat(after.storage()).isNull();
                    assertThat(after.routing()).isNull();
                    assertThat(after.user()).as("the default user: the image's").isEqualTo(-1);
                    assertThat(after.configContainer()).isNull();
                    assertThat(after.healthCheckConfig()).isNull();
                    assertThat(after.resourceConfig()).isNull();
                    assertThat(after.logConfig()).isNull();
                    assertThat(after.name()).as("back to the default name").isEqualTo("nginx");
                    assertThat(after.tty()).isFalse();
                    assertThat(after.environment()).isEmpty();
                    assertThat(after.labels().service()).isNull();
                    assertThat(after.labels().deployment()).extracting(ContainerConfig.UniqueKeyValue::key)
                            .containsExactly("b");
                    // what the patch set, and what it did not name, stays
                    assertThat(after.restartPolicy()).isEqualTo("always");
                    assertThat(after.networkMode()).isEqualTo("bridge");
                }));
        // absent = keep: a patch of another field leaves the storage set
        givenVersionWithImages()
                .andGiven(new ImageConfigPatchedEvent(P, TEAM, V1, IMG1, "1", set, before, ADA, T0))
                .when(new PatchImageCommand(P, user(), V1, IMG1, null, configWith("restartPolicy", "always")))
                .expectEventsMatching(payloads(events -> assertThat(((ImageConfigPatchedEvent) events.get(0))
                        .config().storage().storageId()).isEqualTo(ours.toString())));
    }

    @Test
    void onlyConfigFieldsCanBeCleared() {
        givenVersionWithImages()
                .when(new PatchImageCommand(P, user(), V1, IMG1, null, null, List.of("storage", "colour")))
                .expectException(refusal(ValidationException.class, "config.colour")).expectNoEvents();
    }

    @Test
    void privilegedSettingsNeedAnAdmin() {
        ContainerConfig host = configWith("networkMode", "host");
        ContainerConfig socket = configWith("volumes", List.of(new ContainerConfig.Volume("v", "/var/run/docker.sock",
                "/var/run/docker.sock", null, null, null)));
        ContainerConfig caps = configWith("capabilities", List.of(new ContainerConfig.UniqueKeyValue("c",
                "NET_ADMIN", "true")));
        for (ContainerConfig privileged : List.of(host, socket, caps)) {
            givenVersionWithImages().when(new PatchImageCommand(P, user(), V1, IMG1, null, privileged))
                    .expectException(ForbiddenRoleException.class).expectNoEvents();
            givenVersionWithImages().when(new PatchImageCommand(P, admin(), V1, IMG1, null, privileged))
                    .expectSuccessfulHandlerExecution();
        }
    }

    @Test
    void orderTakesExactlyTheVersionsImages() {
        givenVersionWithImages().when(new OrderImagesCommand(P, user(), V1, List.of(IMG2, IMG1)))
                .expectEvents(new ImagesOrderedEvent(P, TEAM, V1, List.of(IMG2, IMG1), ADA, T0));
        givenVersionWithImages().when(new OrderImagesCommand(P, user(), V1, List.of(IMG2)))
                .expectException(ValidationException.class);
        givenVersionWithImages().when(new OrderImagesCommand(P, user(), V1, List.of(IMG2, IMG1, V3)))
                .expectException(refusal(ValidationException.class, "[2]"));
        givenVersionWithImages().when(new OrderImagesCommand(P, user(), V1, List.of(IMG2, IMG2)))
                .expectException(refusal(ValidationException.class, "[1]"));
    }

    @Test
    void deletingAnImage() {
        givenVersionWithImages().when(new DeleteImageCommand(P, user(), V1, IMG2))
                .expectEvents(new ImageDeletedEvent(P, TEAM, V1, IMG2, ADA, T0));
        givenVersionWithImages().when(new DeleteImageCommand(P, user(), V1, V3))
                .expectException(NotFoundException.class);
    }

    // --- packages (seed 001) --------------------------------------------------------------------------

    static CreatePackageCommand pkg(String version, List<CreatePackageCommand.Component> components,
            List<CreatePackageCommand.Label> labels) {
        return new CreatePackageCommand(P, user(), PKG, version, null, components, labels);
    }

    @Test
    void aPackageNamesImagesOfTheProjectWithTheirTags() {
        givenVersionWithImages().when(pkg("1.0.0", List.of(new CreatePackageCommand.Component(IMG1, "1.25")),
                        List.of(new CreatePackageCommand.Label("stable", "green"))))
                .expectEventsMatching(payloads(events -> {
                    PackageCreatedEvent created = (PackageCreatedEvent) events.get(0);
                    assertThat(created.version()).isEqualTo("1.0.0");
                    // the image's name and registry travel with the component: the package keeps them
                    assertThat(created.components()).containsExactly(new PackageCreatedEvent.Component(IMG1, "1.25",
                            "library/nginx", registry.toString()));
                    assertThat(created.labels()).extracting(PackageCreatedEvent.Label::text).containsExactly("stable");
                }));
    }

    @Test
    void packageRulesRefuseWithTheirField() {
        var component = List.of(new CreatePackageCommand.Component(IMG1, "1"));
        givenVersionWithImages().when(pkg("1.0", component, null))
                .expectException(refusal(ValidationException.class, "version"));
        givenVersionWithImages().when(pkg("1.0.0", List.of(), null))
                .expectException(refusal(ValidationException.class, "components"));
        givenVersionWithImages().when(pkg("1.0.0", List.of(new CreatePackageCommand.Component(UUID.randomUUID()
                        .toString(), "1")), null))
                .expectException(refusal(NotFoundException.class, "components[0].imageId"));
        givenVersionWithImages().when(pkg("1.0.0", component, List.of(new CreatePackageCommand.Label("x", "pink"))))
                .expectException(refusal(ValidationException.class, "labels[0].color"));
        givenVersionWithImages().when(pkg("1.0.0", component, List.of(new CreatePackageCommand.Label("", "red"))))
                .expectException(refusal(ValidationException.class, "labels[0].text"));
        givenVersionWithImages().when(pkg("1.0.0", component, List.of(new CreatePackageCommand.Label("x".repeat(257),
                        "red")))).expectException(refusal(ValidationException.class, "labels[0].text"));
        List<CreatePackageCommand.Label> many = new ArrayList<>(Collections.nCopies(33,
                new CreatePackageCommand.Label("x", "red")));
        givenVersionWithImages().when(pkg("1.0.0", component, many))
                .expectException(refusal(ValidationException.class, "labels"));
        givenVersionWithImages().when(new CreatePackageCommand(P, user(), PKG, "1.0.0", "0.9.0", component, null))
                .expectException(refusal(ValidationException.class, "baseVersion"));
    }

    @Test
    void packageVersionsAreUniquePerProject() {
        givenVersionWithImages().andGiven(new PackageCreatedEvent(P, TEAM, "other", "1.0.0", null, List.of(
                        new PackageCreatedEvent.Component(IMG1, "1")), List.of(), ADA, T0))
                .when(pkg("1.0.0", List.of(new CreatePackageCommand.Component(IMG1, "1")), null))
                .expectException(refusal(ConflictException.class, "version"));
    }

    @Test
    void aPackageChangesOnlyLabelsAndArchived() {
        PackageCreatedEvent created = new PackageCreatedEvent(P, TEAM, PKG, "1.0.0", null, List.of(
                new PackageCreatedEvent.Component(IMG1, "1")), List.of(), ADA, T0);
        givenVersionWithImages().andGiven(created).when(new PatchPackageCommand(P, user(), PKG, null, true))
                .expectEvents(new PackageArchivedEvent(P, TEAM, PKG, true, ADA, T0));
        givenVersionWithImages().andGiven(created, new PackageArchivedEvent(P, TEAM, PKG, true, ADA, T0))
                .when(new PatchPackageCommand(P, user(), PKG, null, true)).expectNoEvents();
        givenVersionWithImages().andGiven(created).when(new PatchPackageCommand(P, user(), PKG,
                        List.of(new CreatePackageCommand.Label("rc", "yellow")), null))
                .expectEventsMatching(payloads(events -> assertThat(((PackageLabelsChangedEvent) events.get(0))
                        .labels()).extracting(PackageCreatedEvent.Label::color).containsExactly("yellow")));
        givenVersionWithImages().when(new PatchPackageCommand(P, user(), PKG, null, true))
                .expectException(NotFoundException.class);
    }
}
