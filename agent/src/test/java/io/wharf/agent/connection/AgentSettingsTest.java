package io.wharf.agent.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.InsecureChannelCredentials;
import io.grpc.TlsChannelCredentials;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The TLS part of the agent's environment: off unless WHARF_TLS=true, and a CA only with TLS. */
class AgentSettingsTest {

    static final Map<String, String> BASE = Map.of("WHARF_SERVER", "127.0.0.1:9090", "WHARF_DATA_DIR", "/tmp/x");

    private static AgentSettings with(String... pairs) {
        var env = new java.util.HashMap<>(BASE);
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return AgentSettings.fromEnvironment(env);
    }

    @Test
    void plaintextUnlessTold() {
        assertThat(with().tls()).isFalse();
        assertThat(with("WHARF_TLS", "false").tls()).isFalse();
        assertThat(AgentChannels.credentials(with())).isInstanceOf(InsecureChannelCredentials.class);
    }

    @Test
    void tlsWithTheJvmTrustStoreOrAGivenCa() {
        AgentSettings jvm = with("WHARF_TLS", "TRUE");
        assertThat(jvm.tls()).isTrue();
        assertThat(jvm.tlsCa()).isEmpty();
        assertThat(AgentChannels.credentials(jvm)).isInstanceOf(TlsChannelCredentials.class);
        assertThat(with("WHARF_TLS", "true", "WHARF_TLS_CA", " /etc/ca.pem\n").tlsCa()).isEqualTo("/etc/ca.pem");
    }

    @Test
    void badValuesAreConfigurationErrors() {
        assertThatThrownBy(() -> with("WHARF_TLS", "yes")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("WHARF_TLS must be true or false");
        assertThatThrownBy(() -> with("WHARF_TLS_CA", "/etc/ca.pem")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("WHARF_TLS is not true");
        assertThatThrownBy(() -> AgentChannels.credentials(with("WHARF_TLS", "true", "WHARF_TLS_CA", "/nonexistent/ca.pem")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("WHARF_TLS_CA");
        assertThatThrownBy(() -> AgentChannels.credentials(with("WHARF_TLS", "true",
                "WHARF_TLS_CA", "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("WHARF_TLS_CA");
    }

    @Test
    void settingsNeverPrintTheToken() {
        assertThat(with("WHARF_TOKEN", "wnt.secret").toString()).doesNotContain("wnt.secret").contains("tls=false");
    }
}
