package io.wharf.project.registry.directory;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import io.wharf.project.registry.api.RegistryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * The write side's table of registries ({@code registry_directory}, {@code _id} = registry id), kept in
 * the command's unit of work by {@link RegistryTableUpdater}. It holds the sealed credentials the
 * outbound clients need; the read model never does. Other features ask it through
 * {@code RegistryDirectory}; the team policy lists a deleted team's registries from it.
 */
@Component
public class RegistryTable {

    static final String COLLECTION = "registry_directory";

    private final MongoCollection<Document> registries;

    RegistryTable(MongoDatabase database) {
        this.registries = database.getCollection(COLLECTION);
        registries.createIndex(Indexes.ascending("teamId"), new IndexOptions().name("teamId"));
    }

    void put(RegistryEntry e) {
        registries.replaceOne(Filters.eq("_id", e.id()), new Document("_id", e.id()).append("teamId", e.teamId())
                        .append("name", e.name()).append("nameKey", e.name().toLowerCase(Locale.ROOT))
                        .append("type", e.type().wire()).append("url", e.url())
                        .append("imageNamePrefix", e.imageNamePrefix()).append("namespace", e.namespace())
                        .append("apiUrl", e.apiUrl()).append("user", e.user()).append("token", e.token()),
                new ReplaceOptions().upsert(true));
    }

    void remove(String registryId) {
        registries.deleteOne(Filters.eq("_id", registryId));
    }

    public Optional<RegistryEntry> find(String registryId) {
        return Optional.ofNullable(registries.find(Filters.eq("_id", registryId)).first()).map(RegistryTable::entry);
    }

    /** The registry if it is one of the team's. */
    public Optional<RegistryEntry> find(String teamId, String registryId) {
        return find(registryId).filter(e -> e.teamId().equals(teamId));
    }

    public Optional<RegistryEntry> findByName(String teamId, String name) {
        return Optional.ofNullable(registries.find(Filters.and(Filters.eq("teamId", teamId),
                Filters.eq("nameKey", name.trim().toLowerCase(Locale.ROOT)))).first()).map(RegistryTable::entry);
    }

    public List<String> idsOfTeam(String teamId) {
        List<String> ids = new ArrayList<>();
        registries.find(Filters.eq("teamId", teamId)).forEach(d -> ids.add(d.getString("_id")));
        return ids;
    }

    private static RegistryEntry entry(Document d) {
        return new RegistryEntry(d.getString("_id"), d.getString("teamId"), d.getString("name"),
                RegistryType.parse(d.getString("type")).orElseThrow(), d.getString("url"), d.getString("imageNamePrefix"),
                d.getString("namespace"), d.getString("apiUrl"), d.getString("user"), d.getString("token"));
    }
}
