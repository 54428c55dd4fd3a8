package io.wharf.node.install;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import java.time.Clock;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * The pending install scripts, collection {@code node_installs} ({@code _id} = node id). The public
 * {@code GET .../script} must serve the script, token included, from any replica for 10 minutes, so
 * it is kept here, outside the event store (events carry only the token's hash). An entry is removed
 * when the token is exchanged, the script discarded or the node's token revoked; an expired one is
 * never served.
 */
@Component
public class InstallStore {

    static final String COLLECTION = "node_installs";

    private final MongoCollection<Document> installs;
    private final Clock clock;

    InstallStore(MongoDatabase database, Clock clock) {
        this.installs = database.getCollection(COLLECTION);
        this.clock = clock;
    }

    public void put(PendingInstall install) {
        installs.replaceOne(Filters.eq("_id", install.nodeId()), new Document("_id", install.nodeId())
                        .append("teamId", install.teamId()).append("type", install.type())
                        .append("scriptType", install.scriptType()).append("command", install.command())
                        .append("script", install.script()).append("expireAt", Date.from(install.expireAt())),
                new ReplaceOptions().upsert(true));
    }

    /** The install of the node while it is valid. */
    public Optional<PendingInstall> find(String nodeId) {
        Document doc = installs.find(Filters.eq("_id", nodeId)).first();
        if (doc == null || !doc.getDate("expireAt").toInstant().isAfter(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(new PendingInstall(nodeId, doc.getString("teamId"), doc.getString("type"),
                doc.getString("scriptType"), doc.getString("command"), doc.getString("script"),
                doc.getDate("expireAt").toInstant()));
    }

    public void remove(String nodeId) {
        installs.deleteOne(Filters.eq("_id", nodeId));
    }
}
