package io.wharf.gateway.idempotency;

import java.util.concurrent.atomic.AtomicBoolean;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Holds a service's answer back until {@link Outcome} has seen it (and stored it): the client gets
 * the response only after the gateway knows what it will replay. Answers of POST and PATCH are
 * small JSON documents; streamed bodies are collected as well.
 */
final class CapturingResponse extends ServerHttpResponseDecorator {

    /** Called once with the final status, headers and the whole body. */
    interface Outcome {
        Mono<Void> seen(HttpStatusCode status, HttpHeaders headers, byte[] body);
    }

    private final Outcome outcome;
    private final AtomicBoolean seen = new AtomicBoolean();

    CapturingResponse(ServerHttpResponse delegate, Outcome outcome) {
        super(delegate);
        this.outcome = outcome;
    }

    @Override
    public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
        return DataBufferUtils.join(Flux.from(body))
                .map(IdempotencyFilter::drain)
                .defaultIfEmpty(new byte[0])
                .flatMap(bytes -> see(bytes).then(Mono.defer(
                        () -> getDelegate().writeWith(Mono.just(bufferFactory().wrap(bytes))))));
    }

    @Override
    public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
        return writeWith(Flux.from(body).concatMap(Flux::from));
    }

    @Override
    public Mono<Void> setComplete() {
        return see(new byte[0]).then(Mono.defer(() -> getDelegate().setComplete()));
    }

    /** True once the outcome has been handed over. */
    boolean wasSeen() {
        return seen.get();
    }

    Mono<Void> see(byte[] body) {
        if (!seen.compareAndSet(false, true)) {
            return Mono.empty();
        }
        HttpStatusCode status = getStatusCode() == null ? HttpStatusCode.valueOf(200) : getStatusCode();
        return outcome.seen(status, getHeaders(), body);
    }
}
