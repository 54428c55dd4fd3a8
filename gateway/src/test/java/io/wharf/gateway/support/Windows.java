package io.wharf.gateway.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;

/** Helpers for tests that count against the rate limiter's clock-aligned minute window. */
public final class Windows {

    private Windows() {
    }

    /**
     * Waits (polling) until at least 15 seconds of the current minute are left, so that a test's few
     * requests all fall into one steady window.
     */
    public static void awaitRoomInTheMinute() {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> Instant.now().getEpochSecond() % 60 < 45);
    }
}
