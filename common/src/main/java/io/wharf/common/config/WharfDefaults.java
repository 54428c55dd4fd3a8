package io.wharf.common.config;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The settings every Wharf service shares (docs/conventions.md), added as the lowest-precedence
 * property source so a service's application.yml, the environment and command-line arguments
 * still win. Keys for libraries a service does not have are simply never read.
 */
public class WharfDefaults implements EnvironmentPostProcessor {

    static final String SOURCE_NAME = "wharfDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.getPropertySources().contains(SOURCE_NAME)) {
            return;
        }
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, defaults()));
    }

    static Map<String, Object> defaults() {
        Map<String, Object> d = new LinkedHashMap<>();
        // No Axon Server on these machines: the event store is Mongo (io.wharf.common.axon).
        d.put("axon.axonserver.enabled", "false");
        // XStream is Axon's default and unsafe/unreadable; JSON is also what goes on the wire.
        d.put("axon.serializer.general", "jackson");
        d.put("axon.serializer.events", "jackson");
        d.put("axon.serializer.messages", "jackson");
        d.put("management.endpoints.web.exposure.include", "health,prometheus,info");
        d.put("management.endpoint.health.probes.enabled", "true");
        d.put("management.health.livenessstate.enabled", "true");
        d.put("management.health.readinessstate.enabled", "true");
        d.put("spring.data.mongodb.uri", "${WHARF_MONGO_URI:mongodb://127.0.0.1:27017}");
        d.put("spring.kafka.bootstrap-servers", "${WHARF_KAFKA_BOOTSTRAP:127.0.0.1:9092}");
        d.put("wharf.security.internal-secret", "${WHARF_INTERNAL_SECRET:}");
        d.put("logging.pattern.level", "%5p [%X{requestId:-}]");
        return d;
    }
}
