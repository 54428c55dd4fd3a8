package io.wharf.common.error;

/** 503: a dependency is down or overloaded; the client should retry after {@link #retryAfterSeconds()}. */
public class ServiceUnavailableException extends WharfException {

    private final long retryAfterSeconds;

    public ServiceUnavailableException(String message, long retryAfterSeconds) {
        super(ErrorCode.SERVICE_UNAVAILABLE, message);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
