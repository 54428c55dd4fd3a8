package io.wharf.gateway.auth;

import io.wharf.common.security.InternalAssertion;
import io.wharf.common.security.WharfSecurityProperties;
import io.wharf.gateway.config.GatewayProperties;
import com.nimbusds.jose.jwk.JWKSet;
import io.netty.channel.ChannelOption;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import reactor.netty.http.client.HttpClient;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Verifying the callers' tokens and signing the principal for the services. {@code wharf.security.*}
 * is common's {@link WharfSecurityProperties} (a plain record; common's servlet web layer that also
 * binds it stays inactive in this reactive application).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WharfSecurityProperties.class)
class JwtConfig {

    /**
     * RS256 only: {@code alg: none} and HS* tokens are refused before any key is looked up. The JWKS
     * is fetched lazily and cached; a token with an unknown {@code kid} triggers a refetch (key
     * rotation) at most once per {@code jwks-refresh-interval} ({@link JwksCache}), and identity being
     * down at start only fails the requests that need a key.
     */
    @Bean
    ReactiveJwtDecoder jwtDecoder(GatewayProperties properties, WebClient.Builder web, Clock clock) {
        GatewayProperties.Auth auth = properties.auth();
        WebClient client = web.clientConnector(new ReactorClientHttpConnector(HttpClient.create()
                        // A hanging identity must not hang every request: fail fast, answer 503.
                        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 2_000)
                        .responseTimeout(Duration.ofSeconds(3))))
                .build();
        URI jwksUri = properties.jwksUri();
        JwksCache keys = new JwksCache(() -> client.get().uri(jwksUri).retrieve().bodyToMono(String.class)
                .map(JwtConfig::parse), auth.jwksRefreshInterval(), auth.jwksMaxAge(), clock);
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSource(keys::select)
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        JwtTimestampValidator timestamps = new JwtTimestampValidator(auth.clockSkew());
        timestamps.setClock(clock);
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(timestamps, new JwtIssuerValidator(auth.issuer())));
        return decoder;
    }

    /** A JWKS identity cannot serve properly is identity's failure (503), not the token's. */
    private static JWKSet parse(String body) {
        try {
            return JWKSet.parse(body);
        } catch (ParseException e) {
            throw new IllegalStateException("identity's JWKS is not a key set: " + e.getMessage(), e);
        }
    }

    /**
     * Waits for the revocation consumer when there is one ({@code wharf.gateway.revocation.enabled}),
     * then watches that it stays current ({@code revocation.max-staleness}).
     */
    @Bean
    RevocationCatchUp revocationCatchUp(GatewayProperties properties, Clock clock) {
        GatewayProperties.Revocation revocation = properties.revocation();
        return revocation != null && revocation.enabled()
                ? RevocationCatchUp.awaiting(revocation.topic(), revocation.maxStaleness(), clock)
                : RevocationCatchUp.notAwaited();
    }

    @Bean
    InternalAssertion internalAssertion(WharfSecurityProperties security, Clock clock) {
        return new InternalAssertion(security.internalSecret(), security.assertionLifetime().toSeconds(), clock);
    }
}
