package io.wharf.node.install;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.wharf.common.security.SecretCipher;
import io.wharf.node.agent.AgentTokens;
import io.wharf.common.test.InProcessMongo;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** node_installs: sealed at rest, and the later token's script wins whatever order the writes come in. */
class InstallStoreTest {

    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    MongoDatabase database;
    InstallStore store;

    @BeforeEach
    void setUp() {
        database = InProcessMongo.newDatabase(InstallStoreTest.class);
        store = new InstallStore(database, Clock.fixed(NOW, ZoneOffset.UTC), SecretCipher.of("", "a-shared-secret", InstallStore.SECRETS_LABEL));
    }

    private static PendingInstall script(String node, String token) {
        return new PendingInstall(node, "team", "docker", "shell", "curl ... | sh -", "WHARF_TOKEN='" + token + "'",
                NOW.plusSeconds(600), AgentTokens.hash("key-of-" + node));
    }

    @Test
    void theScriptAndItsTokenAreSealedAtRest() {
        store.put(script("n1", "wit.n1.live-secret"), 1);
        Document raw = database.getCollection(InstallStore.COLLECTION).find(Filters.eq("_id", "n1")).first();
        assertThat(raw.toJson()).doesNotContain("wit.").doesNotContain("live-secret");
        assertThat(raw.getString("script")).startsWith("v1:");
        assertThat(store.find("n1")).get().extracting(PendingInstall::script).isEqualTo("WHARF_TOKEN='wit.n1.live-secret'");
        // moved to another node, or read with another key: not served
        database.getCollection(InstallStore.COLLECTION).insertOne(new Document(raw).append("_id", "n2"));
        assertThat(store.find("n2")).isEmpty();
        InstallStore otherKey = new InstallStore(database, Clock.fixed(NOW, ZoneOffset.UTC),
                SecretCipher.of("", "another-secret", InstallStore.SECRETS_LABEL));
        assertThat(otherKey.find("n1")).isEmpty();
    }

    @Test
    void theLaterSerialWinsWhateverOrderTheWritesComeIn() {
        assertThat(store.put(script("n1", "wit.second"), 2)).isTrue();
        assertThat(store.put(script("n1", "wit.first"), 1)).as("an older token loses").isFalse();
        assertThat(store.find("n1")).get().extracting(PendingInstall::script).isEqualTo("WHARF_TOKEN='wit.second'");
        assertThat(store.put(script("n1", "wit.third"), 3)).isTrue();
        assertThat(store.find("n1")).get().extracting(PendingInstall::script).isEqualTo("WHARF_TOKEN='wit.third'");
        // after a removal (exchange, discard, revoke) any later script is stored again
        store.remove("n1");
        assertThat(store.put(script("n1", "wit.fourth"), 4)).isTrue();
    }

    @Test
    void thePublicScriptNeedsTheKeyOfItsUrl() {
        store.put(script("n1", "wit.n1.live-secret"), 1);
        assertThat(store.findWithKey("n1", "key-of-n1")).isPresent();
        assertThat(store.findWithKey("n1", null)).isEmpty();
        assertThat(store.findWithKey("n1", "")).isEmpty();
        assertThat(store.findWithKey("n1", "key-of-n2")).isEmpty();
        Document raw = database.getCollection(InstallStore.COLLECTION).find(Filters.eq("_id", "n1")).first();
        assertThat(raw.toJson()).doesNotContain("key-of-n1").doesNotContain("curl");
        assertThat(store.find("n1")).get().extracting(PendingInstall::command).isEqualTo("curl ... | sh -");
    }

    @Test
    void anExpiredScriptIsNeverServed() {
        store.put(new PendingInstall("n1", "team", "docker", "shell", "c", "s", NOW, AgentTokens.hash("k")), 1);
        assertThat(store.find("n1")).isEmpty();
    }
}
