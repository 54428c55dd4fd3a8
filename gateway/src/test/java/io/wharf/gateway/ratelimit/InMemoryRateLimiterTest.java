package io.wharf.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InMemoryRateLimiterTest {

    private static final RateLimitProperties.Budget MUTATING = new RateLimitProperties.Budget(10, 150);
    private static final RateLimitProperties.Budget READS = new RateLimitProperties.Budget(100_000, 1_000_000);
    private static final long T0 = 1_800_000_000_000L; // a whole minute: 30,000,000 minutes since the epoch

    private final InMemoryRateLimiter limiter = new InMemoryRateLimiter();

    @Test
    void theEleventhRequestInOneSecondIsRefusedUntilTheNextSecond() {
        for (int i = 0; i < 10; i++) {
            assertThat(limiter.takeNow("k", MUTATING, T0 + i).allowed()).isTrue();
        }
        RateLimiter.Decision refused = limiter.takeNow("k", MUTATING, T0 + 400);

        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);
        assertThat(refused.steadyRemaining()).isEqualTo(140);
        assertThat(limiter.takeNow("k", MUTATING, T0 + 1_000).allowed()).isTrue();
    }

    @Test
    void theSteadyWindowCapsAMinuteAndSaysWhenItResets() {
        long now = T0;
        for (int i = 0; i < 150; i++) {
            now = T0 + (i / 10) * 1_000L; // ten per second: never over the burst
            assertThat(limiter.takeNow("k", MUTATING, now).allowed()).as("request " + i).isTrue();
        }
        RateLimiter.Decision refused = limiter.takeNow("k", MUTATING, T0 + 15_500);

        assertThat(refused.allowed()).isFalse();
        assertThat(refused.steadyRemaining()).isZero();
        assertThat(refused.retryAfterSeconds()).isEqualTo(45); // 44.5 s left in the minute, rounded up
        assertThat(limiter.takeNow("k", MUTATING, T0 + 60_000).allowed()).isTrue();
    }

    @Test
    void remainingAndResetCountDownWithinTheMinute() {
        RateLimiter.Decision first = limiter.takeNow("k", MUTATING, T0 + 20_000);
        RateLimiter.Decision second = limiter.takeNow("k", MUTATING, T0 + 20_001);

        assertThat(first.steadyRemaining()).isEqualTo(149);
        assertThat(second.steadyRemaining()).isEqualTo(148);
        assertThat(second.steadyResetSeconds()).isEqualTo(40);
    }

    @Test
    void aRefusedRequestTakesNothingAndKeysAreIndependent() {
        for (int i = 0; i < 10; i++) {
            limiter.takeNow("a", MUTATING, T0);
        }
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.takeNow("a", MUTATING, T0).allowed()).isFalse();
        }
        assertThat(limiter.takeNow("b", MUTATING, T0).allowed()).isTrue();
        assertThat(limiter.takeNow("a", MUTATING, T0 + 1_000).steadyRemaining()).isEqualTo(139);
    }

    @Test
    void concurrentRequestsNeverExceedTheBudget() throws InterruptedException {
        java.util.concurrent.atomic.AtomicInteger allowed = new java.util.concurrent.atomic.AtomicInteger();
        Thread[] threads = new Thread[8];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 50; i++) {
                    if (limiter.takeNow("k", MUTATING, T0).allowed()) {
                        allowed.incrementAndGet();
                    }
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(allowed.get()).isEqualTo(10);
    }

    @Test
    void keysOfPastMinutesAreDroppedSoTheMapStaysBounded() {
        int perMinute = InMemoryRateLimiter.PRUNE_ABOVE + 2_000;
        int largest = 0;
        for (int minute = 0; minute < 4; minute++) {
            for (int i = 0; i < perMinute; i++) {
                long now = T0 + minute * 60_000L + (i * 60_000L) / perMinute; // spread over the minute
                assertThat(limiter.takeNow("m" + minute + "-k" + i, MUTATING, now).allowed()).isTrue();
                largest = Math.max(largest, limiter.size());
            }
        }
        // The keys of one minute (nothing of earlier minutes survives the first scan of the next one).
        assertThat(largest).isLessThanOrEqualTo(perMinute + 1);
        assertThat(limiter.size()).isLessThanOrEqualTo(perMinute);
    }

    @Test
    void aFullMapIsScannedAtMostOncePerSecond() {
        for (int i = 0; i <= InMemoryRateLimiter.PRUNE_ABOVE; i++) {
            limiter.takeNow("k" + i, READS, T0); // all in the current minute: nothing to drop
        }
        for (int i = 0; i < 5_000; i++) {
            limiter.takeNow("k" + (i % 100), READS, T0 + 10 + (i % 900)); // within one second
        }
        assertThat(limiter.prunes()).isEqualTo(1); // the first scan ran at T0 + 10
        limiter.takeNow("k1", READS, T0 + 1_009);
        assertThat(limiter.prunes()).isEqualTo(1);
        limiter.takeNow("k1", READS, T0 + 1_010);
        assertThat(limiter.prunes()).isEqualTo(2);
        assertThat(limiter.size()).isEqualTo(InMemoryRateLimiter.PRUNE_ABOVE + 1);
    }

    @Test
    void aPruneKeepsWhatStillCountsInTheCurrentMinute() {
        long minute1 = T0 + 60_000;
        for (int i = 0; i <= InMemoryRateLimiter.PRUNE_ABOVE; i++) {
            limiter.takeNow("old-" + i, MUTATING, T0);
        }
        for (int i = 0; i < 10; i++) {
            assertThat(limiter.takeNow("hot", MUTATING, minute1 + 100).allowed()).isTrue(); // the scan ran here
        }
        assertThat(limiter.prunes()).isEqualTo(1);
        assertThat(limiter.size()).isEqualTo(1);
        // The hot key's burst and minute are intact: the eleventh in that second is refused, the minute counts on.
        assertThat(limiter.takeNow("hot", MUTATING, minute1 + 200).allowed()).isFalse();
        assertThat(limiter.takeNow("hot", MUTATING, minute1 + 1_000).steadyRemaining()).isEqualTo(139);
    }
}
