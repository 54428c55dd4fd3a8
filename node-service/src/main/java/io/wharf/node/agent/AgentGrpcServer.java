package io.wharf.node.agent;

import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.wharf.node.config.NodeProperties;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The agents' gRPC endpoint ({@code wharf.node.grpc-port}, default 9090): TLS with the PEM files of
 * {@code wharf.node.grpc.tls.cert-chain} / {@code .private-key}, plaintext when neither is set (the
 * embedded stack on loopback). Keep-alives on the HTTP/2 level detect dead peers; agents may ping every 10 s.
 */
@Component
public class AgentGrpcServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AgentGrpcServer.class);

    private final NodeProperties properties;
    private final AgentConnectService service;
    private final LocalAgents local;
    private volatile Server server;

    AgentGrpcServer(NodeProperties properties, AgentConnectService service, LocalAgents local) {
        this.properties = properties;
        this.service = service;
        this.local = local;
    }

    @Override
    public void start() {
        try {
            NodeProperties.Tls tls = properties.grpc().tls();
            server = NettyServerBuilder.forAddress(new InetSocketAddress(properties.grpcPort()), credentials(tls))
                    .addService(ServerInterceptors.intercept(service, new AgentCredentials(properties.grpc().trustedProxies())))
                    .keepAliveTime(30, TimeUnit.SECONDS)
                    .keepAliveTimeout(10, TimeUnit.SECONDS)
                    .permitKeepAliveTime(10, TimeUnit.SECONDS)
                    .permitKeepAliveWithoutCalls(true)
                    .maxInboundMessageSize(16 * 1024 * 1024)
                    // an agent needs one call; more on one connection is someone else
                    .maxConcurrentCallsPerConnection(properties.grpc().maxCallsPerConnection())
                    .build().start();
            if (tls.enabled()) {
                log.info("Agent gRPC endpoint on port {} with TLS (certificate chain {})", server.getPort(), tls.certChain());
            } else {
                log.info("Agent gRPC endpoint on port {} in plaintext (set wharf.node.grpc.tls.cert-chain and "
                        + ".private-key for TLS)", server.getPort());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the agent gRPC port " + properties.grpcPort(), e);
        }
    }

    /** Both PEM files or neither: half a TLS configuration fails the start rather than serving plaintext. */
    static ServerCredentials credentials(NodeProperties.Tls tls) {
        if (!tls.enabled()) {
            return InsecureServerCredentials.create();
        }
        if (tls.certChain().isBlank() || tls.privateKey().isBlank()) {
            throw new IllegalStateException("wharf.node.grpc.tls needs both cert-chain and private-key "
                    + "(WHARF_AGENT_TLS_CERT / WHARF_AGENT_TLS_KEY)");
        }
        try {
            return TlsServerCredentials.create(new File(tls.certChain()), new File(tls.privateKey()));
        } catch (IOException | RuntimeException e) {
            // the message names the files, never their content
            throw new IllegalStateException("Cannot read the agent TLS certificate chain " + tls.certChain()
                    + " or its private key file: " + e.getMessage(), e);
        }
    }

    @Override
    public void stop() {
        Server running = server;
        if (running != null) {
            service.closeAll();
            running.shutdown();
            try {
                if (!running.awaitTermination(5, TimeUnit.SECONDS)) {
                    running.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running.shutdownNow();
            }
            server = null;
        }
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }

    /** The bound port (differs from the property when that is 0). */
    public int port() {
        Server running = server;
        return running == null ? -1 : running.getPort();
    }
}
