package io.wharf.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class WharfDefaultsTest {

    @Test
    void defaultsApplyButAnythingTheServiceSetsWins() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("service",
                Map.of("management.endpoints.web.exposure.include", "health")));

        new WharfDefaults().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("axon.axonserver.enabled")).isEqualTo("false");
        assertThat(environment.getProperty("axon.serializer.events")).isEqualTo("jackson");
        assertThat(environment.getProperty("management.endpoints.web.exposure.include")).isEqualTo("health");
        assertThat(environment.getProperty("spring.kafka.bootstrap-servers"))
                .isEqualTo(System.getenv().getOrDefault("WHARF_KAFKA_BOOTSTRAP", "127.0.0.1:9092"));
        assertThat(environment.getProperty("wharf.security.internal-secret"))
                .isEqualTo(System.getenv().getOrDefault("WHARF_INTERNAL_SECRET", ""));
    }

    @Test
    void contextFallsBackToTheApplicationName() {
        WharfProperties unnamed = new WharfProperties(new WharfProperties.Service(null), null, null);

        assertThat(unnamed.contextOr("deployment-service")).isEqualTo("deployment");
        assertThat(new WharfProperties(new WharfProperties.Service("node"), null, null).contextOr("x")).isEqualTo("node");
    }
}
