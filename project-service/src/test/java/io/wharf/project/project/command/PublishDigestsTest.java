package io.wharf.project.project.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.wharf.common.error.ServiceUnavailableException;
import io.wharf.project.shared.RegistryUnavailableException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.wharf.project.project.api.ImageResponse;
import io.wharf.project.project.api.PublishVersionCommand;
import io.wharf.project.shared.RegistryDirectory;
import io.wharf.project.shared.RegistrySummary;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Digests are resolved before the publish command, per request, a few at a time and within one time
 * bound: an answer without a digest keeps the tag; a registry that cannot be asked or does not answer
 * in time makes the publish 503 (nothing published), and never delays another request.
 */
class PublishDigestsTest {

    static final String FAST = "3f9d7a10-0000-4000-8000-0000000000f1";
    static final String HANGING = "3f9d7a10-0000-4000-8000-0000000000f2";
    static final String BROKEN = "3f9d7a10-0000-4000-8000-0000000000f3";
    static final String DOWN = "3f9d7a10-0000-4000-8000-0000000000f4";
    static final String DIGEST = "sha256:" + "e".repeat(64);

    /** Answers at once for FAST, never (until released) for HANGING, fails for BROKEN, cannot be asked: DOWN. */
    static class Registries implements RegistryDirectory {
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger hanging = new AtomicInteger();
        final AtomicInteger interrupted = new AtomicInteger();

        @Override
        public Optional<RegistrySummary> find(String teamSlug, UUID registryId) {
            return Optional.empty();
        }

        @Override
        public io.wharf.project.shared.UseClaim holdForImages(String teamSlug, UUID registryId) {
            return io.wharf.project.shared.UseClaim.UNKNOWN;
        }

        @Override
        public Optional<RegistrySummary> findByName(String teamSlug, String name) {
            return Optional.empty();
        }

        @Override
        public Optional<String> digestOf(UUID registryId, String imageName, String tag) {
            switch (registryId.toString()) {
                case HANGING -> {
                    hanging.incrementAndGet();
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        interrupted.incrementAndGet();
                        Thread.currentThread().interrupt();
                    }
                    return Optional.of(DIGEST);
                }
                case BROKEN -> throw new IllegalStateException("answered strangely");
                case DOWN -> throw new RegistryUnavailableException("no connection");
                default -> {
                    return Optional.of(DIGEST);
                }
            }
        }
    }

    static ImageResponse image(String registryId, String name, String tag) {
        return new ImageResponse(UUID.randomUUID().toString(), name, tag, 0, null, null,
                new ImageResponse.RegistryRef("v2", registryId, "r"), null);
    }

    @Test
    void whatAnswersIsPinnedAndAnAnswerWithoutDigestKeepsItsTag() {
        Registries registries = new Registries();
        PublishDigests digests = new PublishDigests(registries, Duration.ofSeconds(5), 4);
        Map<String, String> resolved = digests.of(List.of(image(FAST, "a/fast", "1"), image(BROKEN, "a/broken", "1"),
                image(FAST, "a/other", "2")));
        assertThat(resolved).containsOnly(Map.entry(PublishVersionCommand.key(FAST, "a/fast", "1"), DIGEST),
                Map.entry(PublishVersionCommand.key(FAST, "a/other", "2"), DIGEST));
    }

    /** No answer in time: 503 naming the image and registry, within the bound; the lookup does not keep running. */
    @Test
    void aRegistryThatDoesNotAnswerInTimeMakesThePublish503AndIsCancelled() {
        Registries registries = new Registries();
        PublishDigests digests = new PublishDigests(registries, Duration.ofMillis(500), 4);
        try {
            long start = System.nanoTime();
            assertThatThrownBy(() -> digests.of(List.of(image(FAST, "a/fast", "1"), image(HANGING, "a/slow", "1"))))
                    .isInstanceOfSatisfying(ServiceUnavailableException.class, e -> {
                        assertThat(e.getMessage()).contains("a/slow:1").contains("'r'").contains("in time");
                        assertThat(e.retryAfterSeconds()).isPositive();
                    });
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            // the hanging lookup was interrupted, not left running on a shared pool
            await().atMost(Duration.ofSeconds(5)).until(() -> registries.interrupted.get() == 1);
        } finally {
            registries.release.countDown();
        }
    }

    @Test
    void aRegistryThatCannotBeAskedMakesThePublish503() {
        PublishDigests digests = new PublishDigests(new Registries(), Duration.ofSeconds(5), 4);
        assertThatThrownBy(() -> digests.of(List.of(image(FAST, "a/fast", "1"), image(DOWN, "a/down", "1"))))
                .isInstanceOf(ServiceUnavailableException.class).hasMessageContaining("a/down:1");
    }

    /** One request's hanging registry never holds another request's lookups (no shared pool). */
    @Test
    void aHangingRegistryDoesNotDelayAnotherRequest() throws Exception {
        Registries registries = new Registries();
        PublishDigests digests = new PublishDigests(registries, Duration.ofSeconds(20), 1);
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> hanging = java.util.stream.IntStream.range(0, 8).<Future<?>>mapToObj(i -> callers.submit(() ->
                    digests.of(List.of(image(HANGING, "a/slow-" + i, "1"))))).toList();
            await().atMost(Duration.ofSeconds(5)).until(() -> registries.hanging.get() == 8);
            long start = System.nanoTime();
            assertThat(digests.of(List.of(image(FAST, "b/fast", "1")))).hasSize(1);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            assertThat(hanging).noneMatch(Future::isDone);
        } finally {
            registries.release.countDown();
            callers.shutdownNow();
        }
    }

    @Test
    void imagesAreResolvedInParallel() {
        // eight images of a registry that answers after 300 ms each: four at a time, well under 8 x 300 ms
        RegistryDirectory slow = new Registries() {
            @Override
            public Optional<String> digestOf(UUID registryId, String imageName, String tag) {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return Optional.of(DIGEST);
            }
        };
        PublishDigests digests = new PublishDigests(slow, Duration.ofSeconds(10), 4);
        List<ImageResponse> images = java.util.stream.IntStream.range(0, 8)
                .mapToObj(i -> image(FAST, "a/image-" + i, "1")).toList();
        long start = System.nanoTime();
        assertThat(digests.of(images)).hasSize(8);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1800));
    }
}
