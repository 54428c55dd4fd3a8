package io.wharf.common.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code wharf.security.*} as the servlet web layer reads it.
 *
 * @param internalSecret     the HS256 secret shared by the gateway and the services (≥ 32 characters)
 * @param assertionLifetime  how long a gateway assertion is valid (the gateway signs, services verify)
 */
@ConfigurationProperties("wharf.security")
public record WharfSecurityProperties(
        String internalSecret,
        @DefaultValue("30s") Duration assertionLifetime) {
}
