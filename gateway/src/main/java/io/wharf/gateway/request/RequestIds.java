package io.wharf.gateway.request;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.springframework.web.server.ServerWebExchange;

/** The request id rule of docs/conventions.md: keep a sane client value, else {@code req_<32 hex>}. */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    /** Exchange attribute holding the id chosen for this request. */
    public static final String ATTRIBUTE = RequestIds.class.getName() + ".id";
    /**
     * Key of the id in the log MDC and in the Reactor {@code Context} of the request; the services'
     * key, so one pattern ({@code [%X{requestId}]}) serves every process.
     */
    public static final String MDC_KEY = io.wharf.common.web.RequestIds.MDC_KEY;

    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private RequestIds() {
    }

    static String choose(String fromClient) {
        return fromClient != null && ACCEPTED.matcher(fromClient).matches() ? fromClient : generate();
    }

    static String generate() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return "req_" + HexFormat.of().formatHex(bytes);
    }

    /** The id of this exchange; a fresh one if the filter has not run (it always runs first). */
    public static String of(ServerWebExchange exchange) {
        String id = exchange.getAttribute(ATTRIBUTE);
        if (id == null) {
            id = generate();
            exchange.getAttributes().put(ATTRIBUTE, id);
        }
        return id;
    }
}
