package io.wharf.gateway.auth;

import io.wharf.common.error.ErrorCode;
import io.wharf.common.metadata.ActorType;
import io.wharf.common.security.InternalAssertion;
import io.wharf.common.security.WharfPrincipal;
import io.wharf.gateway.error.GatewayException;
import io.wharf.gateway.request.RequestIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.Set;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClientException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Authenticates {@code /api/**} requests (SPEC §1.3) and forwards the caller as a signed
 * {@code X-Wharf-Principal}. The gateway only authenticates; services authorise.
 *
 * <p>The original {@code Authorization} header and cookie are forwarded unchanged: services may
 * verify tokens themselves (DESIGN §6) and identity's logout needs to know which session ends.
 *
 * <p>On a public route a credential is optional: a valid one is forwarded as the principal, an
 * invalid one is ignored (login must work with a stale cookie).
 *
 * <p>Order of the checks: signature, issuer and times (decoder), {@code jti}, {@code typ}, then the
 * revocation set, which is only consulted once it has caught up with identity's topic and while it
 * is confirmed current (503 otherwise).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 30)
class AuthenticationFilter implements WebFilter {

    static final String SESSION_COOKIE = "wharf_session";
    private static final String BEARER = "Bearer ";
    private static final Logger log = LoggerFactory.getLogger(AuthenticationFilter.class);

    /** The credentials identity issues for the HTTP API (SPEC §1.3); agent tokens never come here. */
    private static final Set<String> TOKEN_TYPES =
            Set.of(WharfPrincipal.SESSION, WharfPrincipal.PAT, WharfPrincipal.DEPLOYMENT);

    private final ReactiveJwtDecoder decoder;
    private final RevocationSet revocations;
    private final RevocationCatchUp catchUp;
    private final InternalAssertion assertion;

    AuthenticationFilter(ReactiveJwtDecoder decoder, RevocationSet revocations, RevocationCatchUp catchUp,
                         InternalAssertion assertion) {
        this.decoder = decoder;
        this.revocations = revocations;
        this.catchUp = catchUp;
        this.assertion = assertion;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (PublicRoutes.isGatewayOwn(exchange.getRequest())) {
            return chain.filter(exchange);
        }
        boolean isPublic = PublicRoutes.isPublic(exchange.getRequest());
        String token = credential(exchange.getRequest());
        if (token == null) {
            return isPublic ? chain.filter(exchange)
                    : Mono.error(GatewayException.unauthorized("Authentication required."));
        }
        Mono<ServerWebExchange> authenticated = authenticate(token)
                .map(principal -> withPrincipal(exchange, principal));
        if (isPublic) {
            return authenticated.onErrorResume(GatewayException.class, e -> Mono.just(exchange)).flatMap(chain::filter);
        }
        return authenticated.flatMap(chain::filter);
    }

    private Mono<WharfPrincipal> authenticate(String token) {
        return decoder.decode(token)
                .onErrorMap(e -> !(e instanceof GatewayException), AuthenticationFilter::classify)
                .flatMap(jwt -> {
                    if (jwt.getId() == null) {
                        // Without a jti a token could never be revoked; identity always sets one.
                        return Mono.error(GatewayException.unauthorized("The credential is invalid."));
                    }
                    // The raw claim: getClaimAsString would turn ["session"] into "session".
                    if (!(jwt.getClaims().get("typ") instanceof String typ && TOKEN_TYPES.contains(typ))) {
                        // A token of another kind (an agent's, a future one) or none is no API credential.
                        return Mono.error(GatewayException.unauthorized("The credential is invalid."));
                    }
                    switch (catchUp.state()) {
                        // The token is genuine, but whether it was revoked before this replica started
                        // is not known yet (RevocationCatchUp): neither 401 nor let it pass.
                        case CATCHING_UP -> {
                            return Mono.error(GatewayException.revocationsCatchingUp());
                        }
                        // Whether it was revoked lately is not known: the consumer lost Kafka or stopped
                        // polling for longer than allowed. Fail closed, as at start.
                        case STALE -> {
                            return Mono.error(GatewayException.revocationsStale());
                        }
                        case CURRENT -> {
                            // judged below
                        }
                    }
                    if (revocations.isRevoked(jwt.getId())) {
                        return Mono.error(GatewayException.unauthorized("The credential has been revoked."));
                    }
                    return Mono.just(principal(jwt));
                });
    }

    /**
     * A {@link JwtException} is a verdict on the token (401). Anything else comes from fetching the
     * keys (the decoder wraps those failures in "Could not obtain the keys"): identity is down or
     * unreachable and the token may well be fine, so 503.
     */
    private static GatewayException classify(Throwable e) {
        if (e instanceof JwtException && !(e.getCause() instanceof WebClientException)) {
            String message = e.getMessage() != null && e.getMessage().contains("expired")
                    ? "The credential has expired." : "The credential is invalid.";
            return GatewayException.unauthorized(message);
        }
        // Runs on the thread that saw the key fetch fail; the MDC still has the request id (Reactor
        // context propagation). The cause names the JWKS URL and the failure, never the token.
        log.warn("Credentials cannot be checked, identity's keys are unavailable: {}",
                NestedExceptionUtils.getMostSpecificCause(e).toString());
        return new GatewayException(ErrorCode.SERVICE_UNAVAILABLE, HttpStatus.SERVICE_UNAVAILABLE,
                "Credentials cannot be checked right now.", "Retry after the number of seconds in Retry-After.");
    }

    private static WharfPrincipal principal(Jwt jwt) {
        String type = jwt.getClaimAsString("typ");
        ActorType actor = WharfPrincipal.DEPLOYMENT.equals(type) ? ActorType.DEPLOYMENT_TOKEN : ActorType.USER;
        // sub is passed as identity put it; for deployment tokens services decide what it means.
        return new WharfPrincipal(jwt.getSubject(), jwt.getClaimAsString("email"), type, jwt.getId(),
                jwt.getClaimAsString("name"), actor);
    }

    private ServerWebExchange withPrincipal(ServerWebExchange exchange, WharfPrincipal principal) {
        exchange.getAttributes().put(Principals.ATTRIBUTE, principal);
        String signed = assertion.sign(principal, RequestIds.of(exchange));
        return exchange.mutate().request(r -> r.headers(h -> h.set(InternalAssertion.HEADER, signed))).build();
    }

    /** The bearer token, else the session cookie, else null. */
    static String credential(ServerHttpRequest request) {
        String header = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            String token = header.substring(BEARER.length()).trim();
            return token.isEmpty() ? null : token;
        }
        HttpCookie cookie = request.getCookies().getFirst(SESSION_COOKIE);
        return cookie == null || cookie.getValue().isBlank() ? null : cookie.getValue();
    }
}
