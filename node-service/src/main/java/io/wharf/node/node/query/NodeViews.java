package io.wharf.node.node.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.wharf.node.install.InstallStore;
import io.wharf.node.node.api.InstallResponse;
import io.wharf.node.node.api.NodeDetailsResponse;
import io.wharf.node.node.api.NodeResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * The collection {@code node_views}: one document per node ({@code _id} = node id) with its details,
 * the live connection facts and the last event sequence applied ({@code version}). Every write is
 * guarded by the sequence, so a replayed or redelivered event changes nothing. A deleted node stays
 * as {@code deleted: true} so read-your-writes still has a version to wait for; queries never show it.
 */
@Component
class NodeViews {

    static final String COLLECTION = "node_views";

    private final MongoCollection<Document> nodes;
    private final InstallStore installs;
    private final Clock clock;

    NodeViews(MongoDatabase database, InstallStore installs, Clock clock) {
        this.nodes = database.getCollection(COLLECTION);
        this.nodes.createIndex(Indexes.ascending("teamId"));
        this.installs = installs;
        this.clock = clock;
    }

    /** Applies {@code changes} (null: none, only the version moves) unless the view has seen {@code sequence} already. */
    void apply(String nodeId, long sequence, Bson changes) {
        nodes.updateOne(Filters.and(Filters.eq("_id", nodeId), Filters.or(Filters.exists("version", false),
                        Filters.lt("version", sequence))),
                changes == null ? Updates.set("version", sequence) : Updates.combine(changes, Updates.set("version", sequence)),
                new UpdateOptions().upsert(false));
    }

    void created(String nodeId, String teamId, String name, String description, String icon, Instant createdAt,
                 long sequence) {
        if (nodes.find(Filters.eq("_id", nodeId)).first() != null) {
            return;
        }
        nodes.insertOne(new Document("_id", nodeId).append("teamId", teamId).append("name", name)
                .append("description", description).append("icon", icon).append("type", "docker")
                .append("createdAt", Date.from(createdAt)).append("connected", false).append("outdated", false)
                .append("hasToken", false).append("inUse", false).append("deleted", false)
                .append("version", sequence));
    }

    long version(String nodeId) {
        Document node = nodes.find(Filters.eq("_id", nodeId)).first();
        return node == null ? -1 : ((Number) node.get("version")).longValue();
    }

    List<NodeResponse> ofTeam(String teamId) {
        List<NodeResponse> found = new ArrayList<>();
        nodes.find(Filters.and(Filters.eq("teamId", teamId), Filters.eq("deleted", false)))
                .sort(Sorts.ascending("createdAt")).forEach(doc -> found.add(list(doc)));
        return found;
    }

    Optional<NodeDetailsResponse> find(String teamId, String nodeId) {
        Document doc = nodes.find(Filters.and(Filters.eq("_id", nodeId), Filters.eq("teamId", teamId),
                Filters.eq("deleted", false))).first();
        if (doc == null) {
            return Optional.empty();
        }
        InstallResponse install = installs.find(nodeId)
                .map(i -> new InstallResponse(i.command(), i.script(), i.expireAt())).orElse(null);
        NodeResponse node = list(doc);
        return Optional.of(new NodeDetailsResponse(node.type(), node.status(), node.description(), node.icon(),
                node.address(), node.connectedAt(), node.version(), node.updating(), node.id(), node.name(),
                doc.getBoolean("hasToken", false), install, doc.getBoolean("inUse", false)));
    }

    Optional<NodeResponse> listed(String teamId, String nodeId) {
        return Optional.ofNullable(nodes.find(Filters.and(Filters.eq("_id", nodeId), Filters.eq("teamId", teamId),
                Filters.eq("deleted", false))).first()).map(this::list);
    }

    String name(String nodeId) {
        Document doc = nodes.find(Filters.eq("_id", nodeId)).first();
        return doc == null ? null : doc.getString("name");
    }

    /** The live status (SPEC §4): connected, outdated (connected but incompatible) or unreachable. */
    private NodeResponse list(Document doc) {
        boolean connected = doc.getBoolean("connected", false);
        String status = !connected ? "unreachable" : doc.getBoolean("outdated", false) ? "outdated" : "connected";
        Date deadline = doc.getDate("updateDeadline");
        boolean updating = connected && deadline != null && deadline.toInstant().isAfter(clock.instant());
        Date connectedAt = doc.getDate("connectedAt");
        return new NodeResponse(doc.getString("type"), status, doc.getString("description"), doc.getString("icon"),
                connected ? doc.getString("address") : null, connectedAt == null ? null : connectedAt.toInstant(),
                connected ? doc.getString("agentVersion") : null, updating, doc.getString("_id"), doc.getString("name"));
    }
}
