package io.wharf.common.metadata;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * New ids for what a request creates. Random, except for a request that carries an Idempotency-Key
 * (POST/PATCH of an authenticated caller): then the n-th id of the request is derived from the key's
 * scope, so a retry of the same request names the same aggregate. With the command deduplication
 * that answers a retried command with the first result, a controller that takes its ids from here
 * answers a retry exactly as the first time (same id, same Location, same view to wait for), where
 * {@code UUID.randomUUID()} would wait for a view of an aggregate that was never created.
 *
 * <p>The scope includes the generation of the gateway's record of the key ({@link #GENERATION_HEADER}):
 * without it, a key reused after its 24 h record expired would name the same aggregates again (a team
 * create answering 409 forever, an invitation overwriting the earlier one).
 */
public final class IdempotentIds {

    /**
     * The header the gateway adds to a keyed request it forwards: the random generation of its record
     * of the key (docs/gateway.md). An internal header: the gateway strips inbound {@code X-Wharf-*}.
     */
    public static final String GENERATION_HEADER = "X-Wharf-Idempotency-Generation";

    private static final String ORDINAL_NAME = "#id";

    private IdempotentIds() {
    }

    /** A UUID string: random, or derived from the current request's Idempotency-Key scope. */
    public static String newId() {
        return CurrentRequest.get()
                .map(IdempotencyScope::base)
                .map(base -> UUID.nameUUIDFromBytes((base + ":id:" + CurrentRequest.nextOrdinal(ORDINAL_NAME))
                        .getBytes(StandardCharsets.UTF_8)).toString())
                .orElseGet(() -> UUID.randomUUID().toString());
    }
}
