package io.wharf.gateway.auth;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this gateway has read every revocation that was published before it started. A fresh
 * replica rebuilds its {@link RevocationSet} from the start of identity's topic; until it has read up
 * to the end offsets the topic had when the consumer first reached Kafka, a token revoked months ago
 * (a never-expiring PAT) would still pass. So until then the gateway is not ready and refuses to
 * judge credentials (503, {@code AuthenticationFilter}).
 *
 * <p>Driven from the consumer's own thread after every poll ({@link #afterPoll}); once caught up it
 * stays caught up (later revocations arrive within seconds through the running consumer).
 */
public class RevocationCatchUp {

    private static final Logger log = LoggerFactory.getLogger(RevocationCatchUp.class);
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(2);

    private final String topic;
    private volatile boolean caughtUp;
    private Map<TopicPartition, Long> fence;

    private RevocationCatchUp(String topic, boolean caughtUp) {
        this.topic = topic;
        this.caughtUp = caughtUp;
    }

    /** Waits for the consumer of {@code topic}. */
    static RevocationCatchUp awaiting(String topic) {
        return new RevocationCatchUp(topic, false);
    }

    /** No revocation consumer (switched off): nothing to wait for. */
    static RevocationCatchUp notAwaited() {
        return new RevocationCatchUp(null, true);
    }

    public boolean caughtUp() {
        return caughtUp;
    }

    /**
     * On the consumer thread, after each poll (records or none). Kafka unreachable: nothing is
     * decided, the next poll tries again.
     */
    void afterPoll(Consumer<?, ?> consumer, RevocationSet revocations) {
        if (caughtUp) {
            return;
        }
        try {
            if (fence == null) {
                List<PartitionInfo> partitions = consumer.partitionsFor(topic, KAFKA_TIMEOUT);
                if (partitions == null || partitions.isEmpty()) {
                    // The topic does not exist yet: nobody was ever revoked.
                    done("topic " + topic + " does not exist yet", revocations);
                    return;
                }
                fence = Map.copyOf(consumer.endOffsets(
                        partitions.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList(),
                        KAFKA_TIMEOUT));
                log.info("Reading revocations up to the end offsets {} before judging credentials", fence);
            }
            Set<TopicPartition> assigned = consumer.assignment();
            for (Map.Entry<TopicPartition, Long> end : fence.entrySet()) {
                if (end.getValue() == 0) {
                    continue; // an empty partition has nothing to read
                }
                if (!assigned.contains(end.getKey())
                        || consumer.position(end.getKey(), KAFKA_TIMEOUT) < end.getValue()) {
                    return;
                }
            }
            done("read up to " + fence, revocations);
        } catch (KafkaException e) {
            log.debug("Revocation catch-up not decided yet: {}", e.toString());
        }
    }

    private void done(String why, RevocationSet revocations) {
        caughtUp = true;
        log.info("Revocations caught up ({}; {} held): credentials are judged from now on", why, revocations.size());
    }
}
