package io.wharf.common.error;

/**
 * 409: name or prefix taken, concurrent modification, a retry still in flight. One that passes by
 * itself shortly (another request holds the resource right now) carries {@link #retryAfterSeconds()}:
 * the answer then has a {@code Retry-After} header and {@code retryAfter}.
 */
public class ConflictException extends WharfException {

    private final Long retryAfterSeconds;

    public ConflictException(String message) {
        super(ErrorCode.CONFLICT, message);
        this.retryAfterSeconds = null;
    }

    public ConflictException(String message, String field, String hint) {
        super(ErrorCode.CONFLICT, message, field, hint);
        this.retryAfterSeconds = null;
    }

    /** A conflict that passes by itself: retry after {@code retryAfterSeconds} (at least 1). */
    public ConflictException(String message, String field, String hint, long retryAfterSeconds) {
        super(ErrorCode.CONFLICT, message, field, hint);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    /** Seconds to wait before retrying, null when retrying the same request will not help. */
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
