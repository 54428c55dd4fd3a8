package io.wharf.project.registry.support;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code wharf.project.secrets.*}.
 *
 * @param key base64 of a 32-byte AES key for secrets at rest; when unset a key is derived from
 *            {@code wharf.security.internal-secret} (shared by all services, so consumers can open them)
 */
@ConfigurationProperties("wharf.project.secrets")
public record SecretsProperties(String key) {
}
