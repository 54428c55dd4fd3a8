package io.wharf.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import java.util.List;
import org.bson.Document;

/**
 * project-service's database as the replay benchmark sees it: the Axon event store
 * ({@code domainevents}), the token store ({@code trackingtokens}) and the catalogue views that the
 * {@code project-views} processor writes.
 */
final class CatalogueStore implements AutoCloseable {

    /** The views rebuilt by the projection (its tracking processor owns nothing else). */
    static final List<String> VIEWS = List.of("project_views", "version_views", "image_views", "package_views");

    /** What the views hold: counts per view and the events applied (per project: last sequence + 1). */
    record Fingerprint(long projects, long versions, long images, long packages, long eventsApplied) {
    }

    private final MongoClient client;
    private final MongoDatabase database;

    CatalogueStore(String uri, String database) {
        this.client = MongoClients.create(uri);
        this.database = client.getDatabase(database);
    }

    long events() {
        return database.getCollection("domainevents").countDocuments();
    }

    long projectEvents() {
        return database.getCollection("domainevents").countDocuments(Filters.eq("type", "Project"));
    }

    Fingerprint fingerprint() {
        long applied = 0;
        for (Document d : database.getCollection("project_views").find().projection(Projections.include("version"))) {
            Object version = d.get("version");
            applied += version instanceof Number n ? n.longValue() + 1 : 0;
        }
        return new Fingerprint(count("project_views"), count("version_views"), count("image_views"),
                count("package_views"), applied);
    }

    /** Size of the processor's stored token (a Mongo token lists every event id of its look-back window). */
    long tokenBytes(String processor) {
        long bytes = 0;
        for (Document d : database.getCollection("trackingtokens").find(Filters.eq("processorName", processor))) {
            Object token = d.get("token");
            if (token instanceof org.bson.types.Binary binary) {
                bytes += binary.length();
            } else if (token != null) {
                bytes += token.toString().length();
            }
        }
        return bytes;
    }

    /** Forgets how far {@code processor} got and everything it wrote: its next start replays from the first event. */
    long reset(String processor) {
        long tokens = database.getCollection("trackingtokens").deleteMany(Filters.eq("processorName", processor))
                .getDeletedCount();
        VIEWS.forEach(view -> database.getCollection(view).drop());
        return tokens;
    }

    private long count(String collection) {
        return database.getCollection(collection).countDocuments();
    }

    @Override
    public void close() {
        client.close();
    }
}
