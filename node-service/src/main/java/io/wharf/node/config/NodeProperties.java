package io.wharf.node.config;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * node-service's settings (prefix {@code wharf.node}).
 *
 * @param grpcPort          port of the agent gRPC endpoint (0: any free port)
 * @param agentAddress      host:port agents dial, written into install scripts (blank: 127.0.0.1 and the gRPC port)
 * @param publicUrl         the API base URL users reach (the gateway), written into install commands
 * @param agentVersion      major.minor of the agents this release accepts; others are {@code outdated}
 * @param agentImage        the image the docker install script runs
 * @param agentJar          path of the agent's runnable jar for the script's no-image fallback (blank: none)
 * @param installTokenTtl   lifetime of a one-time install token (SPEC §4: 10 minutes)
 * @param commandTimeout    how long a request waits for the agent's answer before 503 (above the agent's 10 s stop grace)
 * @param heartbeat         how often both sides send a heartbeat; also the lease renewal period
 * @param leaseTtl          a connection whose replica renewed nothing for this long is considered gone
 * @param replicaId         this replica's id in the connection registry (blank: random per start)
 * @param replicaUrl        base URL other replicas use to reach this one (blank: http://127.0.0.1:&lt;server port&gt;)
 * @param grpc              the agent endpoint's transport ({@code wharf.node.grpc.tls.*})
 * @param secrets           the key sealing pending install scripts ({@code wharf.node.secrets.key})
 */
@ConfigurationProperties(prefix = "wharf.node")
public record NodeProperties(
        @DefaultValue("9090") int grpcPort,
        @DefaultValue("") String agentAddress,
        @DefaultValue("http://127.0.0.1:8080") String publicUrl,
        @DefaultValue("0.1") String agentVersion,
        @DefaultValue("wharf/agent:0.1.0") String agentImage,
        @DefaultValue("") String agentJar,
        @DefaultValue("10m") Duration installTokenTtl,
        @DefaultValue("30s") Duration commandTimeout,
        @DefaultValue("5s") Duration heartbeat,
        @DefaultValue("20s") Duration leaseTtl,
        @DefaultValue("") String replicaId,
        @DefaultValue("") String replicaUrl,
        @DefaultValue Grpc grpc,
        @DefaultValue Secrets secrets) {

    /**
     * {@code wharf.node.secrets.*}: how pending install scripts (they hold a live token) are sealed at rest.
     *
     * @param key base64 of 32 bytes (AES-256; {@code WHARF_NODE_SECRETS_KEY}); blank: derived from
     *            {@code wharf.security.internal-secret}, which every replica shares
     */
    public record Secrets(@DefaultValue("") String key) {

        @Override
        public String toString() {
            return "Secrets[key=***]";
        }
    }

    /**
     * {@code wharf.node.grpc.*}.
     *
     * @param tls            TLS of the agent endpoint
     * @param helloTimeout   a stream that sends no Hello within this is ended (DEADLINE_EXCEEDED)
     * @param failedConnects the per-address limit of refused connects
     * @param refusalWindow  at most one {@code refused} audit entry per node and reason within this (with a count)
     * @param maxCallsPerConnection concurrent calls one HTTP/2 connection may open (an agent needs one)
     * @param trustedProxies addresses (IPs as the socket reports them) of proxies in front of the agent port whose
     *                       {@code x-forwarded-for} is believed ({@code WHARF_AGENT_TRUSTED_PROXIES}, comma
     *                       separated); empty (the default): the header is ignored and the socket's peer address is
     *                       the agent's address
     */
    public record Grpc(@DefaultValue Tls tls, @DefaultValue List<String> trustedProxies,
                       @DefaultValue("10s") Duration helloTimeout, @DefaultValue FailedConnects failedConnects,
                       @DefaultValue("1m") Duration refusalWindow, @DefaultValue("2") int maxCallsPerConnection) {

        @ConstructorBinding
        public Grpc {
            trustedProxies = trustedProxies == null ? List.of()
                    : trustedProxies.stream().map(String::strip).filter(p -> !p.isEmpty()).toList();
            failedConnects = failedConnects == null ? new FailedConnects(20, 20) : failedConnects;
            helloTimeout = helloTimeout == null ? Duration.ofSeconds(10) : helloTimeout;
            refusalWindow = refusalWindow == null ? Duration.ofMinutes(1) : refusalWindow;
            maxCallsPerConnection = maxCallsPerConnection <= 0 ? 2 : maxCallsPerConnection;
        }

        /** TLS and trusted proxies only; the port's guards at their defaults. */
        public Grpc(Tls tls, List<String> trustedProxies) {
            this(tls, trustedProxies, null, null, null, 0);
        }
    }

    /**
     * {@code wharf.node.grpc.failed-connects.*}: a token bucket per agent address (the peer, or the
     * trusted proxy's {@code x-forwarded-for}) for refused connects (bad token, no Hello, refused Hello);
     * an empty bucket answers RESOURCE_EXHAUSTED before anything is looked up.
     *
     * @param burst     refused connects an address may make at once
     * @param perMinute how fast the bucket refills
     */
    public record FailedConnects(@DefaultValue("20") int burst, @DefaultValue("20") int perMinute) {
    }

    /**
     * TLS of the agent endpoint ({@code wharf.node.grpc.tls.*}); off unless both files are set.
     *
     * @param certChain  PEM certificate chain the endpoint presents ({@code WHARF_AGENT_TLS_CERT})
     * @param privateKey PEM PKCS#8 private key of it, unencrypted ({@code WHARF_AGENT_TLS_KEY}); never logged
     * @param agentCa    PEM file with what agents must trust (a private CA, or the certificate itself when it
     *                   is self-signed), embedded into install scripts as {@code WHARF_TLS_CA}
     *                   ({@code WHARF_AGENT_TLS_CA}); blank: agents use their JVM's trust store
     */
    public record Tls(@DefaultValue("") String certChain, @DefaultValue("") String privateKey,
                      @DefaultValue("") String agentCa) {

        public boolean enabled() {
            return !certChain.isBlank() || !privateKey.isBlank();
        }
    }
}
