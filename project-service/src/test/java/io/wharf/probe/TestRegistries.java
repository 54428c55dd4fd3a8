package io.wharf.probe;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Supplies {@link InMemoryRegistryDirectory} to project-service started in tests, until the registry
 * feature's implementation is merged (then this one still wins in these tests: {@code @Primary}).
 * Outside {@code io.wharf.project}, so it is only present where a test names it.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestRegistries {

    @Bean
    @Primary
    InMemoryRegistryDirectory inMemoryRegistryDirectory() {
        return new InMemoryRegistryDirectory();
    }
}
