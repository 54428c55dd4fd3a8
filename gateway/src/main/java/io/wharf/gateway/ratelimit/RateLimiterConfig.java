package io.wharf.gateway.ratelimit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** In memory for the single gateway of {@code ./wharf up}; Redis when {@code redis-uri} is set. */
@Configuration(proxyBeanMethods = false)
class RateLimiterConfig {

    private static final Logger log = LoggerFactory.getLogger(RateLimiterConfig.class);

    /** Closed with the context (AutoCloseable): the Redis connection goes with it. */
    @Bean
    RateLimiter rateLimiter(RateLimitProperties properties) {
        if (!properties.shared()) {
            return new InMemoryRateLimiter();
        }
        log.info("Rate limits are kept in Redis, shared by every gateway replica");
        return new RedisRateLimiter(new RedisConnector(properties.redisUri(), properties.redisTimeout()),
                new InMemoryRateLimiter(), properties.redisTimeout());
    }
}
