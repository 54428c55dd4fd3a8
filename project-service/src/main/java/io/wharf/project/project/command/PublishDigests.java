package io.wharf.project.project.command;

import io.wharf.project.project.api.ImageResponse;
import io.wharf.project.project.api.PublishVersionCommand;
import io.wharf.project.shared.RegistryDirectory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Resolves the manifest digests of the images a publish will pin, before the command is sent (the
 * aggregate never waits on a registry): all images at once, at most {@code
 * wharf.project.publish.digest-timeout} (10 s) in total. An image whose registry cannot tell its
 * digest in time, or at all, keeps its tag (seed 000: "where the registry can tell it").
 */
@Component
class PublishDigests {

    private static final int THREADS = 8;

    private final RegistryDirectory registries;
    private final Duration timeout;
    private final ExecutorService pool;

    PublishDigests(RegistryDirectory registries,
            @Value("${wharf.project.publish.digest-timeout:10s}") Duration timeout) {
        this.registries = registries;
        this.timeout = timeout;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "publish-digest-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** The digests that could be resolved within the time bound, by {@link PublishVersionCommand#key}. */
    Map<String, String> of(List<ImageResponse> images) {
        Map<String, CompletableFuture<Optional<String>>> pending = new LinkedHashMap<>();
        for (ImageResponse image : images) {
            if (image.registry() == null || image.registry().id() == null || image.tag() == null) {
                continue;
            }
            String key = PublishVersionCommand.key(image.registry().id(), image.name(), image.tag());
            pending.computeIfAbsent(key, k -> CompletableFuture.supplyAsync(() -> registries.digestOf(
                    UUID.fromString(image.registry().id()), image.name(), image.tag()), pool)
                    .exceptionally(failed -> Optional.empty()));
        }
        try {
            CompletableFuture.allOf(pending.values().toArray(CompletableFuture[]::new))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException late) {
            // what answered in time is used; the rest keep their tags
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException impossible) {
            // each future handles its own failure
        }
        Map<String, String> digests = new LinkedHashMap<>();
        List<CompletableFuture<?>> late = new ArrayList<>();
        pending.forEach((key, future) -> {
            if (future.isDone()) {
                future.join().ifPresent(d -> digests.put(key, d));
            } else {
                late.add(future);
            }
        });
        late.forEach(f -> f.cancel(true));
        return digests;
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        pool.shutdownNow();
    }
}
