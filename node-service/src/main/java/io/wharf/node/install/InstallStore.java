package io.wharf.node.install;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import io.wharf.common.security.SecretCipher;
import io.wharf.common.security.WharfSecurityProperties;
import io.wharf.node.config.NodeProperties;
import io.wharf.node.agent.AgentTokens;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The pending install scripts, collection {@code node_installs} ({@code _id} = node id). The public
 * {@code GET .../script} must serve the script, token included, from any replica for 10 minutes, so
 * it is kept here, outside the event store (events carry only the token's hash) — sealed
 * ({@link SecretCipher}): the database never holds the live token in plaintext. An entry is removed
 * when the token is exchanged, the script discarded or the node's token revoked; an expired one is
 * never served. The public URL carries a key ({@code ?key=}); only its hash is kept, and the install
 * command (which carries the key) is sealed like the script.
 * <p>
 * Two {@code POST .../script} at once: each carries the serial the Node aggregate gave its token (the
 * aggregate handles commands one at a time, so the later serial is the token it expects), and a
 * script is written only over an older serial — the served script always holds the expected token.
 */
@Component
public class InstallStore {

    static final String COLLECTION = "node_installs";
    /** Key derivation label of install scripts: a key of their own, apart from catalogue secrets. */
    static final String SECRETS_LABEL = "wharf-node-installs-v1";
    private static final Logger log = LoggerFactory.getLogger(InstallStore.class);

    private final MongoCollection<Document> installs;
    private final Clock clock;
    private final SecretCipher cipher;

    @Autowired
    InstallStore(MongoDatabase database, Clock clock, NodeProperties properties, WharfSecurityProperties security) {
        this(database, clock, SecretCipher.of(properties.secrets().key(), security.internalSecret(), SECRETS_LABEL));
    }

    InstallStore(MongoDatabase database, Clock clock, SecretCipher cipher) {
        this.installs = database.getCollection(COLLECTION);
        this.clock = clock;
        this.cipher = cipher;
    }

    /**
     * Stores the script of the token with {@code serial}, unless a later one is stored already.
     *
     * @return whether it was stored (false: a concurrent, later script won)
     */
    public boolean put(PendingInstall install, long serial) {
        Document entry = new Document("_id", install.nodeId()).append("serial", serial)
                .append("teamId", install.teamId()).append("type", install.type())
                .append("scriptType", install.scriptType())
                .append("command", cipher.seal(install.nodeId(), install.command()))
                .append("script", cipher.seal(install.nodeId(), install.script()))
                .append("keyHash", install.keyHash())
                .append("expireAt", Date.from(install.expireAt()));
        try {
            installs.replaceOne(Filters.and(Filters.eq("_id", install.nodeId()), Filters.or(
                    Filters.lt("serial", serial), Filters.exists("serial", false))), entry, new ReplaceOptions().upsert(true));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            return false; // the entry there has a later serial
        }
    }

    /** The install of the node while it is valid. */
    public Optional<PendingInstall> find(String nodeId) {
        Document doc = installs.find(Filters.eq("_id", nodeId)).first();
        if (doc == null || !doc.getDate("expireAt").toInstant().isAfter(clock.instant())) {
            return Optional.empty();
        }
        String script;
        String command;
        try {
            script = cipher.open(nodeId, doc.getString("script"));
            command = cipher.open(nodeId, doc.getString("command"));
        } catch (IllegalStateException e) {
            // another key (wharf.node.secrets.key changed) or a script stored before sealing: not served;
            // a new POST .../script replaces it
            log.warn("The pending install script of node {} does not open: {}", nodeId, e.getMessage());
            return Optional.empty();
        }
        return Optional.of(new PendingInstall(nodeId, doc.getString("teamId"), doc.getString("type"),
                doc.getString("scriptType"), command, script, doc.getDate("expireAt").toInstant(),
                doc.getString("keyHash")));
    }

    /**
     * The install of the node for the public {@code GET .../script}: only while valid and only with the
     * key of its URL (compared by hash, in constant time); anything else is empty, like an expired one.
     */
    public Optional<PendingInstall> findWithKey(String nodeId, String key) {
        if (key == null || key.isBlank()) {
            return Optional.empty();
        }
        byte[] presented = AgentTokens.hash(key).getBytes(StandardCharsets.US_ASCII);
        return find(nodeId).filter(i -> i.keyHash() != null
                && MessageDigest.isEqual(i.keyHash().getBytes(StandardCharsets.US_ASCII), presented));
    }

    public void remove(String nodeId) {
        installs.deleteOne(Filters.eq("_id", nodeId));
    }
}
