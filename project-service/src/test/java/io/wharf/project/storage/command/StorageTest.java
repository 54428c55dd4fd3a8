package io.wharf.project.storage.command;

import io.wharf.common.error.ConflictException;
import io.wharf.common.error.NotFoundException;
import io.wharf.common.error.PreconditionFailedException;
import io.wharf.common.error.ValidationException;
import io.wharf.common.events.project.StorageChangedEvent;
import io.wharf.common.events.project.StorageCreatedEvent;
import io.wharf.common.events.project.StorageDeletedEvent;
import io.wharf.project.storage.api.ChangeStorageCommand;
import io.wharf.project.storage.api.CreateStorageCommand;
import io.wharf.project.storage.api.DeleteStorageCommand;
import io.wharf.project.storage.api.RemoveTeamStorageCommand;
import io.wharf.project.shared.DeletionCheck;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every rule of the Storage aggregate (SPEC §3), given/when/then. */
class StorageTest {

    static final String ID = "8e7d6c5b-4a39-4281-b7c6-d5e4f3a2b1c0";
    static final String TEAM = "team-1";
    static final Instant T = Instant.parse("2026-11-23T10:00:00Z");
    static final String SEALED = "v1:sealed-secret";

    private AggregateTestFixture<Storage> fixture;
    private final Set<String> used = new HashSet<>();
    private final Set<String> held = new HashSet<>();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Storage.class);
        fixture.registerInjectableResource((StorageUsage) id -> used.contains(id) ? DeletionCheck.IN_USE
                : held.contains(id) ? DeletionCheck.HELD_NOW : DeletionCheck.FREE);
    }

    static StorageCreatedEvent created() {
        return new StorageCreatedEvent(ID, TEAM, "Backups", "nightly", null, "https://s3.example.com", "AKIA", SEALED, T);
    }

    @Test
    void createsAStorage() {
        fixture.givenNoPriorActivity()
                .when(new CreateStorageCommand(ID, TEAM, " Backups ", "nightly", null, "https://s3.example.com", "AKIA",
                        SEALED, T))
                .expectEvents(created());
    }

    @Test
    void needsANameAndAnEndpointUrl() {
        fixture.givenNoPriorActivity()
                .when(new CreateStorageCommand(ID, TEAM, " ", null, null, "https://s3.example.com", null, null, T))
                .expectException(field("name")).expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new CreateStorageCommand(ID, TEAM, "S3", null, null, "", null, null, T))
                .expectException(field("url")).expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new CreateStorageCommand(ID, TEAM, "S3", null, null, "https://u:p@s3.example.com", null, null, T))
                .expectException(field("url")).expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new CreateStorageCommand(ID, TEAM, "S3", null, null, "not a url", null, null, T))
                .expectException(field("url")).expectNoEvents();
    }

    @Test
    void changeKeepsOrReplacesTheSecretKey() {
        fixture.given(created())
                .when(new ChangeStorageCommand(ID, TEAM, "Backups", null, null, "https://s3.example.com", "AKIA",
                        null, true, T))
                .expectEvents(new StorageChangedEvent(ID, TEAM, "Backups", null, null, "https://s3.example.com",
                        "AKIA", SEALED, T));
        fixture.given(created())
                .when(new ChangeStorageCommand(ID, TEAM, "Backups", null, null, "https://minio.example.com", "AKIA",
                        SEALED + "2", false, T))
                .expectEvents(new StorageChangedEvent(ID, TEAM, "Backups", null, null, "https://minio.example.com",
                        "AKIA", SEALED + "2", T));
        fixture.given(created())
                .when(new ChangeStorageCommand(ID, TEAM, "Backups", null, null, "https://minio.example.com", null,
                        null, false, T))
                .expectEvents(new StorageChangedEvent(ID, TEAM, "Backups", null, null, "https://minio.example.com",
                        null, null, T));
    }

    /** A kept secret never follows the storage to another address (it would be sent there). */
    @Test
    void aKeptSecretKeyDoesNotFollowANewUrl() {
        fixture.given(created())
                .when(new ChangeStorageCommand(ID, TEAM, "Backups", null, null, "https://evil.example.com", "AKIA",
                        null, true, T))
                .expectException(field("secretKey")).expectNoEvents();
        // without a stored secret there is nothing to keep: the url may change
        fixture.given(new StorageCreatedEvent(ID, TEAM, "Backups", null, null, "https://s3.example.com", null, null, T))
                .when(new ChangeStorageCommand(ID, TEAM, "Backups", null, null, "https://minio.example.com", null,
                        null, true, T))
                .expectEvents(new StorageChangedEvent(ID, TEAM, "Backups", null, null, "https://minio.example.com",
                        null, null, T));
    }

    @Test
    void anotherTeamLearnsNothing() {
        fixture.given(created())
                .when(new ChangeStorageCommand(ID, "team-2", "X", null, null, "https://x.example.com", null, null, true, T))
                .expectException(NotFoundException.class).expectNoEvents();
        fixture.given(created())
                .when(new DeleteStorageCommand(ID, "team-2", T))
                .expectException(NotFoundException.class).expectNoEvents();
    }

    @Test
    void deletesAStorageNothingUses() {
        fixture.given(created())
                .when(new DeleteStorageCommand(ID, TEAM, T))
                .expectEvents(new StorageDeletedEvent(ID, TEAM, "Backups", false, T))
                .expectMarkedDeleted();
    }

    @Test
    void cannotDeleteAStorageInUse() {
        used.add(ID);
        fixture.given(created())
                .when(new DeleteStorageCommand(ID, TEAM, T))
                .expectException(PreconditionFailedException.class).expectNoEvents();
    }

    /** An image command holding it right now is no use yet: 409 with a retry, not 412. */
    @Test
    void aLiveHoldIsAConflictThatPasses() {
        held.add(ID);
        fixture.given(created())
                .when(new DeleteStorageCommand(ID, TEAM, T))
                .expectException(Matchers.predicate(e -> e instanceof ConflictException c
                        && Long.valueOf(1).equals(c.retryAfterSeconds()) && "storageId".equals(c.field())))
                .expectNoEvents();
    }

    @Test
    void theTeamsDeletionRemovesItEvenInUse() {
        used.add(ID);
        fixture.given(created())
                .when(new RemoveTeamStorageCommand(ID, TEAM, T))
                .expectEvents(new StorageDeletedEvent(ID, TEAM, "Backups", true, T))
                .expectMarkedDeleted();
    }

    private static org.hamcrest.Matcher<?> field(String field) {
        return Matchers.predicate(e -> e instanceof ValidationException v && field.equals(v.field()));
    }
}
