package io.wharf.gateway.idempotency;

import io.wharf.common.metadata.IdempotentIds;
import io.wharf.common.security.WharfPrincipal;
import io.wharf.gateway.auth.Principals;
import io.wharf.gateway.error.GatewayException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * SPEC §1.6 at the door, after authentication and the rate limit, for every POST and PATCH under
 * {@code /api/} that carries an {@code Idempotency-Key}:
 * <ol>
 * <li>the key is checked (1–200 printable ASCII, else 400 with {@code field: Idempotency-Key});</li>
 * <li>the scope is (credential = the token's {@code jti}, method, path, key), the fingerprint the
 *     SHA-256 of the canonical JSON body;</li>
 * <li>an atomic insert of a {@code running} record with a lease decides: first → forwarded; done with
 *     the same body → the stored response with {@code Idempotent-Replayed: true}; another body → 409
 *     IDEMPOTENCY_KEY_REUSED; still running → 409 CONFLICT with {@code Retry-After: 1};</li>
 * <li>a 2xx answer is stored (encrypted) before it is sent on; anything else releases the record, so
 *     the client may retry (with any body);</li>
 * <li>the forwarded request carries the record's generation ({@code X-Wharf-Idempotency-Generation}):
 *     the same for every run of the key while its record lives, new once it expired
 *     ({@link IdempotencyStore}).</li>
 * </ol>
 * The key also reaches the service (header unchanged), whose commands carry it: if this gateway
 * dies, or its store fails, between the service's answer and the store, the retry runs again after
 * the lease, and the service's command deduplication (common) answers it without a second execution.
 * <p>Decisions: the gateway's routes are prefixes, so it cannot know a service's route template; it
 * scopes by the path, the template with its variables filled in (one key reused on two resources is
 * two requests, never a replay of another resource's answer). Anonymous requests (register, login)
 * have no credential to scope by: their key is checked and passed on, nothing is stored. Mongo
 * unreachable: 503, a keyed request is not run without the protection the client asked for.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 50)
class IdempotencyFilter implements WebFilter {

    static final String REPLAYED = "Idempotent-Replayed";

    private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);

    private final IdempotencyProperties properties;
    private final IdempotencyStore store;

    IdempotencyFilter(IdempotencyProperties properties, IdempotencyStore store) {
        this.properties = properties;
        this.store = store;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        HttpMethod method = request.getMethod();
        List<String> keys = request.getHeaders().get(IdempotencyKeys.HEADER);
        String path = request.getPath().pathWithinApplication().value();
        if (!properties.enabled() || keys == null || !(HttpMethod.POST.equals(method) || HttpMethod.PATCH.equals(method))
                || !path.startsWith("/api/")) {
            return chain.filter(exchange);
        }
        String key;
        try {
            key = IdempotencyKeys.validate(keys);
        } catch (GatewayException invalid) {
            return Mono.error(invalid);
        }
        WharfPrincipal principal = Principals.of(exchange);
        if (principal == null || principal.tokenId() == null) {
            return chain.filter(exchange);
        }
        String scopeId = scopeId(principal.tokenId(), method.name(), path, key);
        return DataBufferUtils.join(request.getBody())
                .map(IdempotencyFilter::drain)
                .defaultIfEmpty(new byte[0])
                .flatMap(body -> blocking(() -> store.begin(scopeId, Fingerprints.of(body)))
                        .onErrorMap(e -> !(e instanceof GatewayException), e -> {
                            log.warn("Idempotency store unreachable ({}): request refused with 503", e.toString());
                            return GatewayException.idempotencyStoreUnavailable();
                        })
                        .flatMap(begin -> decide(exchange, chain, scopeId, body, begin)));
    }

    private Mono<Void> decide(ServerWebExchange exchange, WebFilterChain chain, String scopeId, byte[] body,
                              IdempotencyStore.Begin begin) {
        if (begin instanceof IdempotencyStore.Replay replay) {
            return replay(exchange.getResponse(), replay.response());
        }
        if (begin instanceof IdempotencyStore.Reused) {
            return Mono.error(GatewayException.idempotencyKeyReused());
        }
        if (begin instanceof IdempotencyStore.InFlight) {
            return Mono.error(GatewayException.idempotentRequestInFlight());
        }
        IdempotencyStore.Proceed proceed = (IdempotencyStore.Proceed) begin;
        return proceed(exchange, chain, scopeId, proceed.owner(), proceed.generation(), body);
    }

    private Mono<Void> proceed(ServerWebExchange exchange, WebFilterChain chain, String scopeId, String owner,
                               String generation, byte[] body) {
        // The record's generation travels to the service (inbound X-Wharf-* headers were stripped before):
        // it names the aggregates the request creates and scopes its command deduplication.
        ServerHttpRequest forwarded = generation == null ? exchange.getRequest() : exchange.getRequest().mutate()
                .headers(h -> h.set(IdempotentIds.GENERATION_HEADER, generation)).build();
        ServerHttpRequest replayable = new ServerHttpRequestDecorator(forwarded) {
            @Override
            public Flux<DataBuffer> getBody() {
                return Flux.defer(() -> Flux.just(exchange.getResponse().bufferFactory().wrap(body)));
            }
        };
        CapturingResponse response = new CapturingResponse(exchange.getResponse(),
                (status, headers, answer) -> outcome(scopeId, owner, status, headers, answer));
        return chain.filter(exchange.mutate().request(replayable).response(response).build())
                .then(Mono.defer(() -> response.wasSeen() ? Mono.<Void>empty() : release(scopeId, owner)))
                .onErrorResume(e -> release(scopeId, owner).then(Mono.error(e)));
    }

    private Mono<Void> outcome(String scopeId, String owner, HttpStatusCode status, HttpHeaders headers, byte[] body) {
        if (!status.is2xxSuccessful()) {
            return release(scopeId, owner);
        }
        StoredResponse stored = StoredResponse.of(status.value(), headers, body);
        return blocking(() -> store.complete(scopeId, owner, stored))
                .doOnNext(kept -> {
                    if (!kept) {
                        log.warn("An idempotent response was not stored: its record expired or was taken over");
                    }
                })
                .onErrorResume(e -> {
                    // The service acted; its answer goes out. A retry waits for the lease, then runs again,
                    // and the service's command deduplication answers it without a second execution.
                    log.warn("An idempotent response could not be stored ({}); a retry runs again after the lease",
                            e.toString());
                    return Mono.just(false);
                })
                .then();
    }

    private Mono<Void> release(String scopeId, String owner) {
        return blocking(() -> {
            store.release(scopeId, owner);
            return true;
        }).onErrorResume(e -> {
            log.warn("An idempotency record could not be released ({}); it frees itself after the lease", e.toString());
            return Mono.just(false);
        }).then();
    }

    private static Mono<Void> replay(ServerHttpResponse response, StoredResponse stored) {
        response.setStatusCode(HttpStatusCode.valueOf(stored.status()));
        stored.copyTo(response.getHeaders());
        response.getHeaders().set(REPLAYED, "true");
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(stored.body())));
    }

    private static <T> Mono<T> blocking(Callable<T> call) {
        return Mono.fromCallable(call).subscribeOn(Schedulers.boundedElastic());
    }

    /** The scope as the record's id: a hash, so neither token ids nor keys sit in the database. */
    static String scopeId(String tokenId, String method, String path, String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(String.join("\n", tokenId, method, path, key).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies a joined buffer out and releases it. */
    static byte[] drain(DataBuffer buffer) {
        byte[] bytes = new byte[buffer.readableByteCount()];
        buffer.read(bytes);
        DataBufferUtils.release(buffer);
        return bytes;
    }
}
