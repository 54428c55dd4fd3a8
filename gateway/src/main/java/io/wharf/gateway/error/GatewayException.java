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
    private final String field;

    public GatewayException(ErrorCode code, HttpStatus status, String message, String hint) {
        this(code, status, message, hint, null, null);
    }

    private GatewayException(ErrorCode code, HttpStatus status, String message, String hint, Long retryAfterSeconds,
                             String field) {
        super(message, null, false, false);
        this.code = code;
        this.status = status;
        this.hint = hint;
        this.retryAfterSeconds = retryAfterSeconds;
        this.field = field;
    }

    /** 429 RATE_LIMITED (SPEC §1.5): the client may try again after {@code retryAfterSeconds} (≥ 1). */
    public static GatewayException rateLimited(long retryAfterSeconds) {
        return new GatewayException(ErrorCode.RATE_LIMITED, HttpStatus.TOO_MANY_REQUESTS, "Too many requests.",
                "Slow down and retry after the number of seconds in Retry-After.", Math.max(1, retryAfterSeconds), null);
    }

    /** 400 on the {@code Idempotency-Key} header (SPEC §1.6: 1–200 printable ASCII characters). */
    public static GatewayException invalidIdempotencyKey(String message) {
        return new GatewayException(ErrorCode.VALIDATION_ERROR, HttpStatus.BAD_REQUEST, message,
                "Send one Idempotency-Key of 1 to 200 printable ASCII characters, e.g. a UUID.", null,
                "Idempotency-Key");
    }

    /** 409 IDEMPOTENCY_KEY_REUSED: the key was used for a different body. */
    public static GatewayException idempotencyKeyReused() {
        return new GatewayException(ErrorCode.IDEMPOTENCY_KEY_REUSED, HttpStatus.CONFLICT,
                "This Idempotency-Key was already used with a different request body.",
                "Use a new key for a new request; repeat a request only with exactly the same body.", null,
                "Idempotency-Key");
    }

    /** 409 CONFLICT with Retry-After 1: the first request with this key is still running. */
    public static GatewayException idempotentRequestInFlight() {
        return new GatewayException(ErrorCode.CONFLICT, HttpStatus.CONFLICT,
                "A request with this Idempotency-Key is still being processed.",
                "Retry after the number of seconds in Retry-After to get its response.", 1L, "Idempotency-Key");
    }

    /** 503: the store of Idempotency-Keys cannot be reached, so the request is not run unprotected. */
    public static GatewayException idempotencyStoreUnavailable() {
        return new GatewayException(ErrorCode.SERVICE_UNAVAILABLE, HttpStatus.SERVICE_UNAVAILABLE,
                "Requests with an Idempotency-Key cannot be processed right now.",
                "Retry after the number of seconds in Retry-After.", null, null);
    }

    /**
     * 503: a genuine token arrived before this replica has read the revocations published before it
     * started; {@code Retry-After} is the gateway's usual one.
     */
    public static GatewayException revocationsCatchingUp() {
        return new GatewayException(ErrorCode.SERVICE_UNAVAILABLE, HttpStatus.SERVICE_UNAVAILABLE,
                "This gateway is starting and cannot check credentials yet.",
                "Retry after the number of seconds in Retry-After.");
    }

    /**
     * 403 FORBIDDEN_SCOPE (SPEC §1.2): a deployment token used anywhere but its deployment's start
     * route (SPEC §1.3).
     */
    public static GatewayException forbiddenScope() {
        return new GatewayException(ErrorCode.FORBIDDEN_SCOPE, HttpStatus.FORBIDDEN,
                "A deployment token may only start its deployment.",
                "Use it only for POST /api/{teamSlug}/deployments/{id}/start; act as a user for anything else.");
    }

    /**
     * 503: this replica has not confirmed for longer than {@code revocation.max-staleness} that it read
     * every revocation (its consumer lost Kafka or stopped polling); {@code Retry-After} is the usual one.
     */
    public static GatewayException revocationsStale() {
        return new GatewayException(ErrorCode.SERVICE_UNAVAILABLE, HttpStatus.SERVICE_UNAVAILABLE,
                "This gateway cannot confirm that credentials are still valid right now.",
                "Retry after the number of seconds in Retry-After.");
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

    /** The input the error is about, or null. */
    public String field() {
        return field;
    }

    /** Seconds the client should wait, when this error says so itself (else null). */
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
