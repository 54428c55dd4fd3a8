package io.wharf.project.registry.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.wharf.project.registry.api.RegistryListItem;
import io.wharf.project.registry.api.RegistryResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * The collection {@code registry_views}: one document per registry ({@code _id} = registry id) with
 * what responses show, {@code hasToken} instead of the token, and {@code version} (the last event
 * sequence applied; an older or repeated event changes nothing). A deleted registry stays as
 * {@code deleted: true} so read-your-writes still has its version; queries never show it.
 */
@Component
class RegistryViews {

    static final String COLLECTION = "registry_views";

    private final MongoCollection<Document> registries;

    RegistryViews(MongoDatabase database) {
        this.registries = database.getCollection(COLLECTION);
        registries.createIndex(Indexes.ascending("teamId"), new IndexOptions().name("teamId"));
    }

    /** Applies {@code state} when {@code sequence} is newer than what the view has. */
    void apply(String registryId, long sequence, Document state) {
        Document current = registries.find(Filters.eq("_id", registryId)).first();
        if (current != null && ((Number) current.get("version")).longValue() >= sequence) {
            return;
        }
        List<Bson> sets = new ArrayList<>();
        state.forEach((k, v) -> sets.add(Updates.set(k, v)));
        sets.add(Updates.set("version", sequence));
        registries.updateOne(Filters.eq("_id", registryId), Updates.combine(sets), new UpdateOptions().upsert(true));
    }

    long version(String registryId) {
        Document doc = registries.find(Filters.eq("_id", registryId)).first();
        return doc == null ? -1 : ((Number) doc.get("version")).longValue();
    }

    List<RegistryListItem> ofTeam(String teamId) {
        List<RegistryListItem> found = new ArrayList<>();
        registries.find(live(Filters.eq("teamId", teamId))).sort(Sorts.ascending("name")).forEach(d -> found.add(
                new RegistryListItem(d.getString("type"), d.getString("_id"), d.getString("name"),
                        d.getString("description"), d.getString("icon"), d.getString("url"))));
        return found;
    }

    Optional<RegistryResponse> find(String teamId, String registryId, boolean inUse) {
        return Optional.ofNullable(registries.find(live(Filters.and(Filters.eq("_id", registryId),
                Filters.eq("teamId", teamId)))).first()).map(d -> response(d, inUse));
    }

    private static Bson live(Bson filter) {
        return Filters.and(filter, Filters.ne("deleted", true));
    }

    private static RegistryResponse response(Document d, boolean inUse) {
        return new RegistryResponse(d.getString("type"), details(d), d.getString("_id"), d.getString("name"),
                d.getString("description"), d.getString("icon"), inUse, instant(d, "createdAt"), instant(d, "updatedAt"));
    }

    /** The fields of the type (reference §3.1), credentials as {@code user} + {@code hasToken}. */
    static Map<String, Object> details(Document d) {
        Map<String, Object> details = new LinkedHashMap<>();
        boolean hasToken = Boolean.TRUE.equals(d.getBoolean("hasToken"));
        switch (d.getString("type")) {
            case "v2" -> {
                details.put("url", d.getString("url"));
                details.put("user", d.getString("user"));
                details.put("hasToken", hasToken);
            }
            case "hub" -> details.put("imageNamePrefix", d.getString("imageNamePrefix"));
            case "gitlab" -> {
                details.put("user", d.getString("user"));
                details.put("hasToken", hasToken);
                details.put("imageNamePrefix", d.getString("imageNamePrefix"));
                details.put("namespace", d.getString("namespace"));
                if (d.getString("apiUrl") != null) {
                    details.put("url", d.getString("url"));
                    details.put("apiUrl", d.getString("apiUrl"));
                }
            }
            case "github" -> {
                details.put("user", d.getString("user"));
                details.put("hasToken", hasToken);
                details.put("imageNamePrefix", d.getString("imageNamePrefix"));
                details.put("namespace", d.getString("namespace"));
            }
            case "google" -> {
                details.put("url", d.getString("url"));
                details.put("imageNamePrefix", d.getString("imageNamePrefix"));
                details.put("user", d.getString("user"));
                details.put("hasToken", hasToken);
            }
            default -> details.put("url", d.getString("url"));
        }
        return details;
    }

    private static Instant instant(Document d, String field) {
        Date date = d.getDate(field);
        return date == null ? null : date.toInstant();
    }
}
