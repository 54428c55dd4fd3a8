package io.wharf.identity.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code wharf.identity.*}.
 *
 * @param sessionLifetime how long a session token from register or login is valid
 * @param cookieSecure    mark the {@code wharf_session} cookie Secure (on when served over HTTPS)
 */
@ConfigurationProperties("wharf.identity")
public record IdentityProperties(
        @DefaultValue("12h") Duration sessionLifetime,
        @DefaultValue("false") boolean cookieSecure) {
}
