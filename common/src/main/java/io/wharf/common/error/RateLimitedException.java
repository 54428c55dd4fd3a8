package io.wharf.common.error;

/** 429 RATE_LIMITED: over a limit; the client may try again after {@link #retryAfterSeconds()} (≥ 1). */
public class RateLimitedException extends WharfException {

    private final long retryAfterSeconds;

    public RateLimitedException(String message, String hint, long retryAfterSeconds) {
        super(ErrorCode.RATE_LIMITED, message, null, hint);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
