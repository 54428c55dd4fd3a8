package io.wharf.common.config;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** Binds {@link WharfProperties} in every application that depends on {@code common}. */
@AutoConfiguration
@EnableConfigurationProperties(WharfProperties.class)
class WharfConfigAutoConfiguration {
}
