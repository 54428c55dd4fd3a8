package io.wharf.project.project.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import io.wharf.common.test.InProcessMongo;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * The write-side lookups create, at startup, an index for each field they filter on (the wire server
 * lists them; a real MongoDB serves the finds from them), and a second start changes nothing.
 */
class WriteSideIndexesTest {

    @Test
    void everyLookupFindHasAnIndexCreatedIdempotently() {
        MongoDatabase database = InProcessMongo.newDatabase(getClass());
        for (int start = 0; start < 2; start++) {
            new ImageUsage(database);
            new MongoVersionDeployments(database);
            new MongoProjectNameLookup(database, Clock.systemUTC(), id -> false);
        }

        assertThat(indexes(database, ImageUsage.COLLECTION)).containsOnlyOnce(List.of("registryId"),
                List.of("storageId"), List.of("versionId"), List.of("projectId"));
        assertThat(indexes(database, MongoVersionDeployments.COLLECTION)).containsOnlyOnce(List.of("versionId"));
        assertThat(indexes(database, MongoProjectNameLookup.COLLECTION)).containsOnlyOnce(List.of("projectId"),
                List.of("teamId", "confirmed"));
    }

    static List<List<String>> indexes(MongoDatabase database, String collection) {
        List<List<String>> keys = new ArrayList<>();
        database.getCollection(collection).listIndexes()
                .forEach(i -> keys.add(List.copyOf(i.get("key", Document.class).keySet())));
        return keys;
    }
}
