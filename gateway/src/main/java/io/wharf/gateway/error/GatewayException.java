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

    public GatewayException(ErrorCode code, HttpStatus status, String message, String hint) {
        super(message, null, false, false);
        this.code = code;
        this.status = status;
        this.hint = hint;
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
}
