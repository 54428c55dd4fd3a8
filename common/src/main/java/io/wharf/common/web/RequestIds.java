package io.wharf.common.web;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Request ids as docs/conventions.md defines them: keep a sane client value, else mint one. */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    /** Request attribute holding the id, so an error dispatch of the same request reuses it. */
    public static final String ATTRIBUTE = RequestIds.class.getName() + ".id";
    public static final String MDC_KEY = "requestId";

    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private RequestIds() {
    }

    /** The client's id when it is acceptable, otherwise a new {@code req_<32 hex>}. */
    public static String acceptOrCreate(String candidate) {
        if (candidate != null && ACCEPTED.matcher(candidate).matches()) {
            return candidate;
        }
        return create();
    }

    public static String create() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return "req_" + HexFormat.of().formatHex(bytes);
    }
}
