package io.wharf.project.registry.support;

import io.wharf.common.security.SecretCipher;

import io.wharf.common.security.WharfSecurityProperties;
import org.axonframework.config.EventProcessingConfigurer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wiring of the registry and storage features. No Clock bean of its own: the features use the
 * application's Clock when there is exactly one, else the UTC system clock (so another feature's
 * Clock bean never collides with this one).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({RegistryProperties.class, SecretsProperties.class})
public class RegistrySupportConfig {

    /** Write-side tables of registries (names, directory): updated in the command's unit of work. */
    public static final String REGISTRY_LOOKUP_GROUP = "registry-write-lookups";
    /** Write-side tables of storages (names, directory): updated in the command's unit of work. */
    public static final String STORAGE_LOOKUP_GROUP = "storage-write-lookups";
    /** Tracking processors of the views; command endpoints wait for them (ViewWait). */
    public static final String REGISTRY_VIEWS_GROUP = "registry-views";
    public static final String STORAGE_VIEWS_GROUP = "storage-views";

    /** The derivation label of registry and storage secrets (deployment-service will open them with it). */
    static final String SECRETS_LABEL = "wharf-secrets-v1";

    @Bean
    SecretCipher secretCipher(SecretsProperties secrets, WharfSecurityProperties security) {
        return SecretCipher.of(secrets.key(), security.internalSecret(), SECRETS_LABEL);
    }

    @Bean
    UsageClaims usageClaims(com.mongodb.client.MongoDatabase database, org.springframework.beans.factory.ObjectProvider<java.time.Clock> clock) {
        return new UsageClaims(database, clock.getIfUnique(java.time.Clock::systemUTC));
    }

    @Autowired
    void configureProcessors(EventProcessingConfigurer processing) {
        // Subscribing: a name freed or claimed by one command must be seen by the next one at once,
        // so these tables cannot wait for a tracking processor.
        processing.registerSubscribingEventProcessor(REGISTRY_LOOKUP_GROUP);
        processing.registerSubscribingEventProcessor(STORAGE_LOOKUP_GROUP);
    }
}
