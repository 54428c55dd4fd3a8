package io.wharf.gateway.error;

import io.wharf.common.error.ErrorCode;
import org.springframework.http.HttpStatus;

/**
 * An error the gateway itself answers (never one a service answered). Carries what the envelope needs;
 * no stack trace, these are expected outcomes.
 */
public class GatewayException extends RuntimeException {

    private final ErrorCode code;
    private final HttpStatus status;
    private final String hint;
    private final Long retryAfterSeconds;

    public GatewayException(ErrorCode code, HttpStatus status, String message, String hint) {
        this(code, status, message, hint, null);
    }

    private GatewayException(ErrorCode code, HttpStatus status, String message, String hint, Long retryAfterSeconds) {
        super(message, null, false, false);
        this.code = code;
        this.status = status;
        this.hint = hint;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** 429 RATE_LIMITED (SPEC §1.5): the client may try again after {@code retryAfterSeconds} (≥ 1). */
    public static GatewayException rateLimited(long retryAfterSeconds) {
        return new GatewayException(ErrorCode.RATE_LIMITED, HttpStatus.TOO_MANY_REQUESTS, "Too many requests.",
                "Slow down and retry after the number of seconds in Retry-After.", Math.max(1, retryAfterSeconds));
    }

    public static GatewayException unauthorized(String message) {
        return new GatewayException(ErrorCode.UNAUTHORIZED, HttpStatus.UNAUTHORIZED, message,
                "Log in again or send a valid token as 'Authorization: Bearer <token>'.");
    }

    public static GatewayException bodyTooLarge(long limit) {
        return new GatewayException(ErrorCode.VALIDATION_ERROR, HttpStatus.PAYLOAD_TOO_LARGE,
                "Request body is larger than " + limit + " bytes.", "Send a smaller body.");
    }

    public ErrorCode code() {
        return code;
    }

    public HttpStatus status() {
        return status;
    }

    public String hint() {
        return hint;
    }

    /** Seconds the client should wait, when this error says so itself (else null). */
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
