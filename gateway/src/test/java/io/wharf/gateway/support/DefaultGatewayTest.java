package io.wharf.gateway.support;

import java.util.Map;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Every service up. Subclasses share one application context (same configuration). */
public abstract class DefaultGatewayTest extends GatewayTestSupport {

    @DynamicPropertySource
    static void wire(DynamicPropertyRegistry registry) {
        INFRA.register(registry, Map.of(
                "wharf.gateway.max-body-size", "64KB",
                // Short, so that AuthenticationTest's key rotation is seen within a second or so.
                "wharf.gateway.auth.jwks-refresh-interval", "1s",
                // Short, so that AuthenticationTest sees a withdrawn key distrusted within seconds.
                "wharf.gateway.auth.jwks-max-age", "2s",
                "wharf.gateway.service-replicas.notification-service",
                INFRA.notification.uri() + "," + INFRA.notification2.uri()));
    }
}
