package io.wharf.gateway.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param internalSecret HS256 key of {@code X-Wharf-Principal}, shared with every service (≥ 32 chars) */
@ConfigurationProperties("wharf.security")
public record WharfSecurityProperties(String internalSecret) {
}
