package io.wharf.agent.connection;

import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.concurrent.TimeUnit;

/**
 * The channel to node-service: plaintext, or TLS trusting {@code WHARF_TLS_CA} (PEM text or a PEM file:
 * a private CA or the server's self-signed certificate) or else the JVM's trust store. The server's
 * certificate must name the host of {@code WHARF_SERVER} (DNS or IP subject alternative name).
 */
final class AgentChannels {

    private AgentChannels() {
    }

    static ManagedChannel open(AgentSettings settings) {
        return NettyChannelBuilder.forTarget(settings.server(), credentials(settings))
                .keepAliveTime(30, TimeUnit.SECONDS).keepAliveTimeout(10, TimeUnit.SECONDS)
                .keepAliveWithoutCalls(true).maxInboundMessageSize(16 * 1024 * 1024).build();
    }

    static ChannelCredentials credentials(AgentSettings settings) {
        if (!settings.tls()) {
            return InsecureChannelCredentials.create();
        }
        TlsChannelCredentials.Builder tls = TlsChannelCredentials.newBuilder();
        if (!settings.tlsCa().isEmpty()) {
            try {
                byte[] pem = trusted(settings.tlsCa());
                // parsed here so a broken CA is a configuration error at start, not a handshake failure later
                if (CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem)).isEmpty()) {
                    throw new IllegalArgumentException("no certificate in it");
                }
                tls.trustManager(new ByteArrayInputStream(pem));
            } catch (IOException | CertificateException | IllegalArgumentException e) {
                throw new IllegalArgumentException("WHARF_TLS_CA is neither a readable PEM file nor PEM certificates: "
                        + e.getMessage(), e);
            }
        }
        return tls.build();
    }

    // inline PEM lets install scripts pass the CA through one environment variable (docker -e, k8s Secret)
    private static byte[] trusted(String ca) throws IOException {
        if (ca.startsWith("-----BEGIN")) {
            return ca.getBytes(StandardCharsets.US_ASCII);
        }
        return Files.readAllBytes(Path.of(ca));
    }
}
