package io.wharf.node.config;

import java.net.InetAddress;
import java.util.UUID;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Who this replica is in the connection registry and where other replicas reach it (DESIGN §5):
 * {@code wharf.node.replica-url} when set; else the address the server is bound to
 * ({@code server.address}, as the launcher sets 127.0.0.1), else this host's address (a container's
 * own IP under docker-compose, where replicas are separate hosts), with the server's actual port.
 */
@Component
public class ReplicaIdentity {

    private final String id;
    private final String configuredUrl;
    private final Environment environment;
    private volatile String url;

    ReplicaIdentity(NodeProperties properties, Environment environment) {
        this.id = properties.replicaId().isBlank() ? UUID.randomUUID().toString() : properties.replicaId();
        this.configuredUrl = properties.replicaUrl();
        this.environment = environment;
        this.url = configuredUrl;
    }

    @EventListener
    void on(WebServerInitializedEvent event) {
        if (configuredUrl.isBlank() && event.getApplicationContext().getServerNamespace() == null) {
            url = "http://" + host() + ":" + event.getWebServer().getPort();
        }
    }

    private String host() {
        String bound = environment.getProperty("server.address", "");
        if (!bound.isBlank() && !bound.equals("0.0.0.0") && !bound.equals("::")) {
            return bound.contains(":") ? "[" + bound + "]" : bound;
        }
        try {
            return InetAddress.getLocalHost().getHostAddress();
        } catch (Exception e) {
            return "127.0.0.1";
        }
    }

    public String id() {
        return id;
    }

    public String url() {
        return url;
    }
}
