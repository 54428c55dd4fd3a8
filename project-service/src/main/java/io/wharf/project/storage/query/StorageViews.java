package io.wharf.project.storage.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.wharf.project.storage.api.StorageListItem;
import io.wharf.project.storage.api.StorageOption;
import io.wharf.project.storage.api.StorageResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * The collection {@code storage_views} ({@code _id} = storage id): what responses show,
 * {@code hasSecretKey} instead of the key, {@code version} for idempotence and read-your-writes,
 * {@code deleted} tombstones.
 */
@Component
class StorageViews {

    static final String COLLECTION = "storage_views";

    private final MongoCollection<Document> storages;

    StorageViews(MongoDatabase database) {
        this.storages = database.getCollection(COLLECTION);
        storages.createIndex(Indexes.ascending("teamId"), new IndexOptions().name("teamId"));
    }

    void apply(String storageId, long sequence, Document state) {
        Document current = storages.find(Filters.eq("_id", storageId)).first();
        if (current != null && ((Number) current.get("version")).longValue() >= sequence) {
            return;
        }
        List<Bson> sets = new ArrayList<>();
        state.forEach((k, v) -> sets.add(Updates.set(k, v)));
        sets.add(Updates.set("version", sequence));
        storages.updateOne(Filters.eq("_id", storageId), Updates.combine(sets), new UpdateOptions().upsert(true));
    }

    long version(String storageId) {
        Document doc = storages.find(Filters.eq("_id", storageId)).first();
        return doc == null ? -1 : ((Number) doc.get("version")).longValue();
    }

    List<StorageListItem> ofTeam(String teamId) {
        List<StorageListItem> found = new ArrayList<>();
        storages.find(live(Filters.eq("teamId", teamId))).sort(Sorts.ascending("name")).forEach(d -> found.add(
                new StorageListItem(d.getString("description"), d.getString("icon"), d.getString("url"),
                        d.getString("_id"), d.getString("name"))));
        return found;
    }

    List<StorageOption> options(String teamId) {
        return ofTeam(teamId).stream().map(s -> new StorageOption(s.id(), s.name())).toList();
    }

    Optional<StorageResponse> find(String teamId, String storageId, boolean inUse) {
        return Optional.ofNullable(storages.find(live(Filters.and(Filters.eq("_id", storageId),
                Filters.eq("teamId", teamId)))).first()).map(d -> new StorageResponse(d.getString("description"),
                d.getString("icon"), d.getString("url"), d.getString("_id"), d.getString("name"),
                d.getString("accessKey"), Boolean.TRUE.equals(d.getBoolean("hasSecretKey")), inUse));
    }

    private static Bson live(Bson filter) {
        return Filters.and(filter, Filters.ne("deleted", true));
    }
}
