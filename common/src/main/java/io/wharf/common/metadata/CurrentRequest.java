package io.wharf.common.metadata;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link RequestContext} of the thread handling a request. Servlet services handle a request on
 * one thread and dispatch commands on it, so a thread-local is enough; the web filter that sets it
 * always clears it.
 */
public final class CurrentRequest {

    private static final ThreadLocal<RequestContext> CURRENT = new ThreadLocal<>();
    /** How many commands of each name this request has sent so far. */
    private static final ThreadLocal<Map<String, Integer>> SENT = ThreadLocal.withInitial(HashMap::new);

    private CurrentRequest() {
    }

    public static Optional<RequestContext> get() {
        return Optional.ofNullable(CURRENT.get());
    }

    public static void set(RequestContext context) {
        CURRENT.set(context);
    }

    public static void clear() {
        CURRENT.remove();
        SENT.remove();
    }

    /** 0 for the first command named {@code commandName} this request sends, then 1, 2, … */
    static int nextOrdinal(String commandName) {
        return SENT.get().merge(commandName, 1, Integer::sum) - 1;
    }
}
