package io.wharf.project.project.command;

import io.wharf.common.error.ServiceUnavailableException;
import io.wharf.project.project.api.ImageResponse;
import io.wharf.project.project.api.PublishVersionCommand;
import io.wharf.project.shared.RegistryDirectory;
import io.wharf.project.shared.RegistryUnavailableException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Resolves the manifest digests of the images a publish will pin, before the command is sent (the
 * aggregate never waits on a registry), within {@code wharf.project.publish.digest-timeout} (10 s)
 * in total.
 *
 * <p>Each request has its own executor of at most {@code wharf.project.publish.digest-concurrency}
 * (4) threads, shut down (its threads interrupted, which aborts their HTTP exchanges) when the
 * request is done or its deadline passed: one team's hanging registry costs only its own request,
 * never another team's publish, and a lookup nobody waits for does not keep running.
 *
 * <p>A registry that answers without a digest (unknown tag, no digest header, credentials refused,
 * {@code unchecked}) or is not there at all (unknown host, connection refused) leaves the image on
 * its tag (seed 000: "where the registry can tell"). A registry that does not answer in time or
 * fails (5xx) makes the whole publish 503 + Retry-After, naming the image and registry: publishing
 * it unpinned would silently drop a pin the registry could have given, and a published version is
 * immutable.
 */
@Component
class PublishDigests {

    private final RegistryDirectory registries;
    private final Duration timeout;
    private final int concurrency;
    private final AtomicInteger threads = new AtomicInteger();

    PublishDigests(RegistryDirectory registries,
            @Value("${wharf.project.publish.digest-timeout:10s}") Duration timeout,
            @Value("${wharf.project.publish.digest-concurrency:4}") int concurrency) {
        this.registries = registries;
        this.timeout = timeout;
        this.concurrency = Math.max(1, concurrency);
    }

    /** The digests registries told, by {@link PublishVersionCommand#key}; 503 when one could not be asked. */
    Map<String, String> of(List<ImageResponse> images) {
        Map<String, ImageResponse> wanted = new LinkedHashMap<>();
        for (ImageResponse image : images) {
            if (image.registry() != null && image.registry().id() != null && image.tag() != null) {
                wanted.putIfAbsent(PublishVersionCommand.key(image.registry().id(), image.name(), image.tag()), image);
            }
        }
        if (wanted.isEmpty()) {
            return Map.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency, wanted.size()), r -> {
            Thread t = new Thread(r, "publish-digest-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            Map<String, Future<Optional<String>>> pending = new LinkedHashMap<>();
            wanted.forEach((key, image) -> pending.put(key, pool.submit(() -> registries.digestOf(
                    UUID.fromString(image.registry().id()), image.name(), image.tag()))));
            long deadline = System.nanoTime() + timeout.toNanos();
            Map<String, String> digests = new LinkedHashMap<>();
            for (Map.Entry<String, Future<Optional<String>>> entry : pending.entrySet()) {
                ImageResponse image = wanted.get(entry.getKey());
                try {
                    long left = Math.max(0, deadline - System.nanoTime());
                    entry.getValue().get(left, TimeUnit.NANOSECONDS).ifPresent(d -> digests.put(entry.getKey(), d));
                } catch (java.util.concurrent.TimeoutException late) {
                    throw unavailable(image, "did not answer in time");
                } catch (ExecutionException failed) {
                    if (failed.getCause() instanceof RegistryUnavailableException) {
                        throw unavailable(image, "could not be asked");
                    }
                    // any other failure is an answer without a digest: the image keeps its tag
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw unavailable(image, "was not asked (interrupted)");
                }
            }
            return digests;
        } finally {
            pool.shutdownNow();
        }
    }

    private ServiceUnavailableException unavailable(ImageResponse image, String what) {
        String registry = image.registry().name() == null ? image.registry().id() : image.registry().name();
        return new ServiceUnavailableException("Registry '" + registry + "' " + what + " for the digest of "
                + image.name() + ":" + image.tag() + "; nothing was published.", Math.max(5, timeout.toSeconds()));
    }
}
