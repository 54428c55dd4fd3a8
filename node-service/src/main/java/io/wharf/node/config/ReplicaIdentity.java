package io.wharf.node.config;

import java.util.UUID;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Who this replica is in the connection registry and where other replicas reach it (DESIGN §5). */
@Component
public class ReplicaIdentity {

    private final String id;
    private final String configuredUrl;
    private volatile String url;

    ReplicaIdentity(NodeProperties properties) {
        this.id = properties.replicaId().isBlank() ? UUID.randomUUID().toString() : properties.replicaId();
        this.configuredUrl = properties.replicaUrl();
        this.url = configuredUrl;
    }

    @EventListener
    void on(WebServerInitializedEvent event) {
        if (configuredUrl.isBlank()) {
            url = "http://127.0.0.1:" + event.getWebServer().getPort();
        }
    }

    public String id() {
        return id;
    }

    public String url() {
        return url;
    }
}
