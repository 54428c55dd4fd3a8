package io.wharf.gateway.idempotency;

import io.wharf.common.security.WharfSecurityProperties;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class IdempotencyConfig {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyConfig.class);

    /** Closed with the context (AutoCloseable). A Mongo that is down at start only delays the TTL index. */
    @Bean
    IdempotencyStore idempotencyStore(@Value("${spring.data.mongodb.uri}") String mongoUri,
                                      IdempotencyProperties properties, WharfSecurityProperties security, Clock clock) {
        IdempotencyStore store = new IdempotencyStore(mongoUri, properties,
                ResponseCipher.from(properties.encryptionKey(), security.internalSecret()), clock);
        if (properties.enabled()) {
            try {
                store.ensureIndexes();
            } catch (RuntimeException e) {
                log.warn("The TTL index of {} could not be created now ({}); stored responses will be removed "
                        + "by their expiry check until it exists", IdempotencyStore.COLLECTION, e.toString());
            }
        }
        return store;
    }
}
