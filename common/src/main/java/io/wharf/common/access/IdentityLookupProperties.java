package io.wharf.common.access;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code wharf.identity.*} of a service that authorises team routes ({@link EnableTeamAccess}).
 *
 * @param url     identity-service's base URL ({@code WHARF_IDENTITY_URL}); empty = the replica alone
 *                (the launcher and docker-compose.yml set it for every service)
 * @param timeout of one membership lookup; at most 1 s whatever is set ({@link IdentityMembershipClient})
 */
@ConfigurationProperties("wharf.identity")
public record IdentityLookupProperties(
        String url,
        @DefaultValue("500ms") Duration timeout) {
}
