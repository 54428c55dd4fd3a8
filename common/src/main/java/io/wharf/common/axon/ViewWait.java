package io.wharf.common.axon;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Read-your-writes (DESIGN §2) for endpoints whose caller reads right after a command: after the
 * command returned, wait until the view has applied every stored event of the aggregate. The view
 * answers its version (the last aggregate sequence number it applied, -1 for none) to a query; the
 * target is the aggregate's last sequence number in the event store. Bounded: after {@link #TIMEOUT}
 * the request goes on (the view catches up on its own) and a warning is logged. One bean per
 * service ({@link ViewWaitAutoConfiguration}).
 */
public class ViewWait {

    static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(ViewWait.class);

    private final EventStore events;
    private final QueryGateway queries;

    public ViewWait(EventStore events, QueryGateway queries) {
        this.events = events;
        this.queries = queries;
    }

    /**
     * @param versionQuery a query whose handler answers the view's version of {@code aggregateId} as a
     *                     {@code Long} (-1 when the view has nothing of it yet); a query, so the command
     *                     side never depends on the query side's classes
     */
    public void awaitView(String aggregateId, Object versionQuery) {
        long target = lastSequence(aggregateId);
        if (target < 0) {
            return;
        }
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        long pause = Duration.ofMillis(2).toNanos();
        while (true) {
            Long version = queries.query(versionQuery, ResponseTypes.instanceOf(Long.class)).join();
            if (version != null && version >= target) {
                return;
            }
            if (System.nanoTime() > deadline) {
                log.warn("View of {} still behind after {} (at {}, event {}); answering anyway",
                        aggregateId, TIMEOUT, version, target);
                return;
            }
            LockSupport.parkNanos(pause);
            pause = Math.min(pause * 2, Duration.ofMillis(50).toNanos());
        }
    }

    /** Whether the aggregate has any stored event (used by idempotent policies and stale claims). */
    public boolean stored(String aggregateId) {
        return lastSequence(aggregateId) >= 0;
    }

    private long lastSequence(String aggregateId) {
        try {
            return events.lastSequenceNumberFor(aggregateId).orElse(-1L);
        } catch (AggregateNotFoundException e) {
            return -1;
        }
    }
}
