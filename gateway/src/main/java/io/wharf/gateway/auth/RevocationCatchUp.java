package io.wharf.gateway.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this gateway knows every revocation, and since when it can say so.
 *
 * <p><b>Catch-up.</b> A fresh replica rebuilds its {@link RevocationSet} from the start of identity's
 * topic; until it has read up to the end offsets the topic had when the consumer first reached Kafka,
 * a token revoked months ago (a never-expiring PAT) would still pass. So until then the gateway is not
 * ready and refuses to judge credentials (503, {@code AuthenticationFilter}).
 *
 * <p><b>Freshness.</b> Once caught up, SPEC §1.3 wants a revocation enforced within 5 seconds. That
 * only holds while the consumer keeps reading: a replica whose consumer lost Kafka (or stopped
 * polling) would let revoked tokens pass for as long as the outage lasts. So after every poll, at most
 * once per {@link #FENCE_EVERY}, it asks Kafka for the topic's end offsets (a <em>fence</em>, stamped
 * with the time it was asked); once the consumer's positions reach a fence, everything published
 * before that time has been read: the replica is <em>current as of</em> that time. Longer than
 * {@code maxStaleness} without a newer confirmation → {@link State#STALE}: readiness DOWN and genuine
 * credentials answered 503 (fail closed), until a fence is reached again (automatic recovery).
 *
 * <p>Driven from the consumer's own thread after every poll ({@link #afterPoll}); read from any thread.
 */
public class RevocationCatchUp {

    /** What the gateway may do with a genuine credential. */
    public enum State {
        /** Still reading what the topic held at start. */
        CATCHING_UP,
        /** Caught up once, but not confirmed current for longer than the allowed staleness. */
        STALE,
        /** Confirmed current within the allowed staleness: revocations are enforced. */
        CURRENT
    }

    private static final Logger log = LoggerFactory.getLogger(RevocationCatchUp.class);
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(2);
    /** How often a caught-up consumer asks Kafka for a new fence (one ListOffsets request). */
    static final Duration FENCE_EVERY = Duration.ofSeconds(1);

    private final String topic;
    private final Duration maxStaleness;
    private final Clock clock;
    private final AtomicBoolean reportedStale = new AtomicBoolean();

    private volatile boolean caughtUp;
    /** Everything published before this instant has been read (null: never confirmed). */
    private volatile Instant currentAsOf;
    /** Records between the consumer's positions and the end offsets at the last fence. */
    private volatile long lag;

    // Consumer thread only.
    private Fence fence;
    private Instant lastFenceAt;

    private RevocationCatchUp(String topic, boolean caughtUp, Duration maxStaleness, Clock clock) {
        this.topic = topic;
        this.caughtUp = caughtUp;
        this.maxStaleness = maxStaleness;
        this.clock = clock;
    }

    /** Waits for the consumer of {@code topic}, then requires a confirmation at least every {@code maxStaleness}. */
    static RevocationCatchUp awaiting(String topic, Duration maxStaleness, Clock clock) {
        return new RevocationCatchUp(topic, false, maxStaleness, clock);
    }

    /** No revocation consumer (switched off): nothing to wait for, nothing to go stale. */
    static RevocationCatchUp notAwaited() {
        return new RevocationCatchUp(null, true, null, Clock.systemUTC());
    }

    public boolean caughtUp() {
        return caughtUp;
    }

    public State state() {
        if (!caughtUp) {
            return State.CATCHING_UP;
        }
        if (maxStaleness == null) {
            return State.CURRENT;
        }
        Instant asOf = currentAsOf;
        boolean stale = asOf == null || clock.instant().isAfter(asOf.plus(maxStaleness));
        // Logged once per outage, by whichever thread notices first.
        if (stale && reportedStale.compareAndSet(false, true)) {
            log.warn("Revocations not confirmed current since {} (allowed staleness {}): credentials are answered "
                    + "503 and readiness is DOWN until the revocation consumer reads from Kafka again", asOf, maxStaleness);
        } else if (!stale && reportedStale.compareAndSet(true, false)) {
            log.info("Revocations are current again (as of {}): credentials are judged again", asOf);
        }
        return stale ? State.STALE : State.CURRENT;
    }

    /** When everything published before was last confirmed read, or null. */
    public Instant currentAsOf() {
        return currentAsOf;
    }

    /** Records the consumer was behind the end offsets at the last fence. */
    public long lag() {
        return lag;
    }

    /**
     * On the consumer thread, after each poll (records or none). Kafka unreachable: nothing is
     * decided and nothing confirmed, the next poll tries again.
     */
    void afterPoll(Consumer<?, ?> consumer, RevocationSet revocations) {
        try {
            Instant now = clock.instant();
            if (fence != null && reached(consumer, fence)) {
                confirmed(fence, revocations);
            }
            if (fence == null && (lastFenceAt == null || !now.isBefore(lastFenceAt.plus(FENCE_EVERY)))) {
                lastFenceAt = now;
                // Stamped before asking: whatever Kafka had at "now" is inside the offsets it returns.
                fence = takeFence(consumer, now);
                if (reached(consumer, fence)) {
                    confirmed(fence, revocations);
                }
            }
        } catch (KafkaException | IllegalStateException e) {
            // Timeouts while Kafka is away; a partition not assigned during a rebalance.
            log.debug("Revocation positions not confirmed: {}", e.toString());
        }
    }

    private Fence takeFence(Consumer<?, ?> consumer, Instant takenAt) {
        List<PartitionInfo> partitions = consumer.partitionsFor(topic, KAFKA_TIMEOUT);
        if (partitions == null || partitions.isEmpty()) {
            // The topic does not exist (yet): nobody was ever revoked. Kafka answered, that is all it takes.
            return new Fence(Map.of(), takenAt);
        }
        Map<TopicPartition, Long> ends = consumer.endOffsets(
                partitions.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList(), KAFKA_TIMEOUT);
        if (!caughtUp) {
            log.info("Reading revocations up to the end offsets {} before judging credentials", ends);
        }
        return new Fence(Map.copyOf(ends), takenAt);
    }

    /** Whether every non-empty partition is assigned and read up to the fence; updates the lag. */
    private boolean reached(Consumer<?, ?> consumer, Fence fence) {
        Set<TopicPartition> assigned = consumer.assignment();
        long behind = 0;
        boolean reached = true;
        for (Map.Entry<TopicPartition, Long> end : fence.ends().entrySet()) {
            if (end.getValue() == 0) {
                continue; // an empty partition has nothing to read
            }
            if (!assigned.contains(end.getKey())) {
                reached = false;
                continue;
            }
            long position = consumer.position(end.getKey(), KAFKA_TIMEOUT);
            if (position < end.getValue()) {
                behind += end.getValue() - position;
                reached = false;
            }
        }
        lag = behind;
        return reached;
    }

    private void confirmed(Fence reached, RevocationSet revocations) {
        currentAsOf = reached.takenAt();
        fence = null;
        if (!caughtUp) {
            caughtUp = true;
            log.info("Revocations caught up (read up to {}; {} held): credentials are judged from now on",
                    reached.ends(), revocations.size());
        }
    }

    /** End offsets of the topic as Kafka reported them at {@code takenAt}. */
    private record Fence(Map<TopicPartition, Long> ends, Instant takenAt) {
    }
}
