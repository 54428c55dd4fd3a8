package io.wharf.project.project.command;

import static org.assertj.core.api.Assertions.assertThat;

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
 * Digests are resolved before the publish command, all images at once and within one time bound:
 * a registry that hangs or fails costs its own images their pins, never the publish.
 */
class PublishDigestsTest {

    static final String FAST = "3f9d7a10-0000-4000-8000-0000000000f1";
    static final String HANGING = "3f9d7a10-0000-4000-8000-0000000000f2";
    static final String BROKEN = "3f9d7a10-0000-4000-8000-0000000000f3";
    static final String DIGEST = "sha256:" + "e".repeat(64);

    /** Answers at once for FAST, never (until released) for HANGING, throws for BROKEN. */
    static class Registries implements RegistryDirectory {
        final CountDownLatch release = new CountDownLatch(1);

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
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return Optional.of(DIGEST);
                }
                case BROKEN -> throw new IllegalStateException("registry down");
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
    void whatAnswersInTimeIsPinnedAndTheRestKeepsItsTag() {
        Registries registries = new Registries();
        PublishDigests digests = new PublishDigests(registries, Duration.ofMillis(500));
        try {
            long start = System.nanoTime();
            Map<String, String> resolved = digests.of(List.of(image(FAST, "a/fast", "1"), image(HANGING, "a/slow", "1"),
                    image(BROKEN, "a/broken", "1"), image(FAST, "a/other", "2")));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(resolved).containsOnly(Map.entry(PublishVersionCommand.key(FAST, "a/fast", "1"), DIGEST),
                    Map.entry(PublishVersionCommand.key(FAST, "a/other", "2"), DIGEST));
            assertThat(took).as("bounded by the timeout, not by the hanging registry").isLessThan(Duration.ofSeconds(5));
        } finally {
            registries.release.countDown();
            digests.stop();
        }
    }

    @Test
    void imagesAreResolvedInParallel() {
        // eight images of a registry that answers after 300 ms each: in parallel well under 8 x 300 ms
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
        PublishDigests digests = new PublishDigests(slow, Duration.ofSeconds(10));
        try {
            List<ImageResponse> images = java.util.stream.IntStream.range(0, 8)
                    .mapToObj(i -> image(FAST, "a/image-" + i, "1")).toList();
            long start = System.nanoTime();
            assertThat(digests.of(images)).hasSize(8);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1800));
        } finally {
            digests.stop();
        }
    }
}
