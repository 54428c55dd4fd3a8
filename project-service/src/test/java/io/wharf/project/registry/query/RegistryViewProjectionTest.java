package io.wharf.project.registry.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.wharf.common.events.project.RegistryChangedEvent;
import io.wharf.common.events.project.RegistryCreatedEvent;
import io.wharf.common.events.project.RegistryDeletedEvent;
import io.wharf.common.test.InProcessMongo;
import io.wharf.project.registry.api.FindRegistryQuery;
import io.wharf.project.registry.api.FindRegistryViewVersionQuery;
import io.wharf.project.registry.api.RegistryResponse;
import io.wharf.project.shared.CatalogueUsage;
import java.time.Instant;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The registry view without Spring: events in, queries out; idempotent; times from the events; no token. */
class RegistryViewProjectionTest {

    static final String ID = UUID.randomUUID().toString();
    static final Instant T = Instant.parse("2026-11-23T10:00:00Z");

    private RegistryViewProjection projection;
    private MongoDatabase database;

    @BeforeEach
    void setUp() {
        database = MongoClients.create(InProcessMongo.uri())
                .getDatabase(InProcessMongo.freshDatabase(RegistryViewProjectionTest.class) + "-" + UUID.randomUUID());
        CatalogueUsage usage = new CatalogueUsage() {
            @Override
            public boolean registryInUse(UUID registryId) {
                return registryId.toString().equals(ID);
            }

            @Override
            public boolean storageInUse(UUID storageId) {
                return false;
            }
        };
        projection = new RegistryViewProjection(new RegistryViews(database), usage);
    }

    private RegistryResponse find(String team) {
        return projection.handle(new FindRegistryQuery(team, ID));
    }

    @Test
    void showsTheRegistryAsSeed003DoesWithoutTheToken() {
        projection.on(new RegistryCreatedEvent(ID, "team", "GitLab", "d", "icon", "gitlab", "registry.gitlab.com",
                "acme/shop", "group", null, "ci", "v1:sealed", T), 0);

        RegistryResponse r = find("team");
        assertThat(r.type()).isEqualTo("gitlab");
        assertThat(r.details()).containsExactly(java.util.Map.entry("user", "ci"), java.util.Map.entry("hasToken", true),
                java.util.Map.entry("imageNamePrefix", "acme/shop"), java.util.Map.entry("namespace", "group"));
        assertThat(r.inUse()).isTrue();
        assertThat(r.createdAt()).isEqualTo(T);
        assertThat(r.updatedAt()).isEqualTo(T);
        assertThat(find("other-team")).isNull();
        Document stored = database.getCollection(RegistryViews.COLLECTION).find().first();
        assertThat(stored.toJson()).doesNotContain("v1:sealed");
        assertThat(projection.handle(new FindRegistryViewVersionQuery(ID))).isZero();
    }

    @Test
    void appliesEachEventOnceAndInOrder() {
        RegistryCreatedEvent created = new RegistryCreatedEvent(ID, "team", "Old", null, null, "unchecked", "a.example.com",
                null, null, null, null, null, T);
        RegistryChangedEvent changed = new RegistryChangedEvent(ID, "team", "New", null, null, "v2", "b.example.com",
                null, null, null, null, null, T.plusSeconds(60));
        projection.on(created, 0);
        projection.on(changed, 1);
        projection.on(created, 0); // a replayed older event changes nothing

        RegistryResponse r = find("team");
        assertThat(r.name()).isEqualTo("New");
        assertThat(r.details()).containsEntry("url", "b.example.com").containsEntry("hasToken", false);
        assertThat(r.createdAt()).isEqualTo(T);
        assertThat(r.updatedAt()).isEqualTo(T.plusSeconds(60));

        projection.on(new RegistryDeletedEvent(ID, "team", "New", false, T.plusSeconds(120)), 2);
        assertThat(find("team")).isNull();
        assertThat(projection.handle(new FindRegistryViewVersionQuery(ID))).isEqualTo(2);
        assertThat(projection.handle(new FindRegistryViewVersionQuery(UUID.randomUUID().toString()))).isEqualTo(-1);
    }
}
