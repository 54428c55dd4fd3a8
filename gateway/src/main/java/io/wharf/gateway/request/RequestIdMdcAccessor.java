package io.wharf.gateway.request;

import io.micrometer.context.ThreadLocalAccessor;
import org.slf4j.MDC;

/**
 * Bridges the request id between the Reactor {@code Context} (where {@link RequestIdFilter} writes it
 * under {@link RequestIds#MDC_KEY}) and the log MDC (same key, read by the {@code [%X{requestId}]} of
 * the log pattern). With {@code spring.reactor.context-propagation=auto} Reactor sets the MDC entry
 * on whatever thread handles a signal of the request and removes it when the signal is done, so
 * lines of unrelated work on the same event loop never carry a stale id.
 *
 * <p>Registered in {@code ContextRegistry.getInstance()} by the {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.micrometer.context.ThreadLocalAccessor}), hence public.
 */
public final class RequestIdMdcAccessor implements ThreadLocalAccessor<String> {

    @Override
    public Object key() {
        return RequestIds.MDC_KEY;
    }

    @Override
    public String getValue() {
        return MDC.get(RequestIds.MDC_KEY);
    }

    @Override
    public void setValue(String requestId) {
        MDC.put(RequestIds.MDC_KEY, requestId);
    }

    @Override
    public void setValue() {
        MDC.remove(RequestIds.MDC_KEY);
    }
}
