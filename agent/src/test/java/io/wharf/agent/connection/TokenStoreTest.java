package io.wharf.agent.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which token the agent presents across restarts and reinstalls on the same data folder. */
class TokenStoreTest {

    @TempDir
    Path data;

    @Test
    void theExchangedNodeTokenIsKeptAcrossRestartsWithTheSameEnvironment() {
        TokenStore first = new TokenStore(data, "wit.a");
        assertThat(first.current()).isEqualTo("wit.a");
        first.store("wnt.1", "wit.a");
        assertThat(first.current()).isEqualTo("wnt.1");
        // a restart: the environment still holds the used install token
        assertThat(new TokenStore(data, "wit.a").current()).isEqualTo("wnt.1");
        assertThat(new TokenStore(data, "").current()).isEqualTo("wnt.1");
    }

    @Test
    void aNewInstallTokenWinsOverTheStoredNodeTokenAndReplacesIt() throws Exception {
        new TokenStore(data, "wit.a").store("wnt.revoked", "wit.a");
        // revoke, new script, run again on the same host and data folder
        TokenStore reinstall = new TokenStore(data, "wit.b");
        assertThat(reinstall.current()).isEqualTo("wit.b");
        reinstall.store("wnt.2", "wit.b");
        assertThat(Files.readString(data.resolve("node-token"))).isEqualTo("wnt.2");
        assertThat(Files.readString(data.resolve(TokenStore.EXCHANGED))).doesNotContain("wit.b")
                .isEqualTo(TokenStore.sha256("wit.b"));
        assertThat(new TokenStore(data, "wit.b").current()).isEqualTo("wnt.2");
    }

    @Test
    void aRefusedInstallTokenFallsBackToTheStoredNodeTokenOnceThenStops() throws Exception {
        // a data folder of an agent that did not keep the hash yet: the environment's token looks new
        Files.writeString(data.resolve("node-token"), "wnt.1");
        TokenStore store = new TokenStore(data, "wit.used");
        assertThat(store.current()).isEqualTo("wit.used");
        assertThat(store.refused("wit.used")).as("the stored node token is left to try").isTrue();
        assertThat(store.current()).isEqualTo("wnt.1");
        assertThat(store.refused("wnt.1")).as("nothing left: stop").isFalse();
    }

    @Test
    void withoutAStoredTokenARefusalIsFinal() {
        TokenStore store = new TokenStore(data, "wit.a");
        assertThat(store.refused("wit.a")).isFalse();
    }
}
