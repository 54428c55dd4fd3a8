package io.wharf.common.metadata;

import java.util.Optional;

/**
 * The {@link RequestContext} of the thread handling a request. Servlet services handle a request on
 * one thread and dispatch commands on it, so a thread-local is enough; the web filter that sets it
 * always clears it.
 */
public final class CurrentRequest {

    private static final ThreadLocal<RequestContext> CURRENT = new ThreadLocal<>();

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
    }
}
