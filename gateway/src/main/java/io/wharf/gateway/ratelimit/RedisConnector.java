package io.wharf.gateway.ratelimit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Mono;

/**
 * One Lettuce connection, opened on first use rather than at start (a gateway starts while Redis is
 * down and uses it once it is up). Once open, Lettuce reconnects by itself; while it is disconnected
 * commands fail at once instead of queueing, so the limiter falls back without waiting. A failed
 * open is retried by the next request, at most once per {@code retryEvery}.
 */
final class RedisConnector implements AutoCloseable {

    private final RedisClient client;
    private final RedisURI uri;
    private final Duration retryEvery;
    private final AtomicReference<CompletableFuture<StatefulRedisConnection<String, String>>> connection =
            new AtomicReference<>();
    private volatile long failedAt;

    RedisConnector(String uri, Duration timeout) {
        this.uri = RedisURI.create(uri);
        this.retryEvery = Duration.ofSeconds(1);
        this.client = RedisClient.create();
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(timeout.multipliedBy(4)).build())
                .build());
    }

    Mono<RedisReactiveCommands<String, String>> commands() {
        CompletableFuture<StatefulRedisConnection<String, String>> current = connection.get();
        if (current == null || current.isCompletedExceptionally()) {
            if (current != null && System.currentTimeMillis() - failedAt < retryEvery.toMillis()) {
                return Mono.error(new IllegalStateException("Redis connection failed less than "
                        + retryEvery.toSeconds() + " s ago"));
            }
            CompletableFuture<StatefulRedisConnection<String, String>> opening =
                    client.connectAsync(StringCodec.UTF8, uri).toCompletableFuture();
            opening.whenComplete((c, e) -> {
                if (e != null) {
                    failedAt = System.currentTimeMillis();
                }
            });
            if (connection.compareAndSet(current, opening)) {
                current = opening;
            } else {
                opening.thenAccept(StatefulRedisConnection::close); // another request opened one first
                current = connection.get();
            }
        }
        return Mono.fromFuture(current, true).map(StatefulRedisConnection::reactive);
    }

    @Override
    public void close() {
        CompletableFuture<StatefulRedisConnection<String, String>> current = connection.get();
        if (current != null && current.isDone() && !current.isCompletedExceptionally()) {
            current.join().close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
