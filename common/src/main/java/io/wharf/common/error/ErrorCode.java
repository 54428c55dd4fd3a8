package io.wharf.common.error;

/**
 * The error codes of SPEC §1.2. The code is the contract with clients; the message is for humans.
 */
public enum ErrorCode {
    VALIDATION_ERROR(400),
    UNAUTHORIZED(401),
    FORBIDDEN_ROLE(403),
    FORBIDDEN_SCOPE(403),
    NOT_FOUND(404),
    CONFLICT(409),
    IDEMPOTENCY_KEY_REUSED(409),
    PRECONDITION_FAILED(412),
    READONLY_FIELD(422),
    RATE_LIMITED(429),
    INTERNAL(500),
    SERVICE_UNAVAILABLE(503);

    private final int status;

    ErrorCode(int status) {
        this.status = status;
    }

    /** The HTTP status this code is sent with (a body over the size limit is the one 413 exception). */
    public int status() {
        return status;
    }
}
