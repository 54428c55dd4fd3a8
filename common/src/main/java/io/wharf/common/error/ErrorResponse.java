package io.wharf.common.error;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The error envelope of SPEC §1.2, used on every error of every route, gateway included.
 *
 * @param retryAfter seconds, only for RATE_LIMITED, SERVICE_UNAVAILABLE and a CONFLICT that passes by itself
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorResponse(
        ErrorCode code,
        String message,
        String field,
        String hint,
        String requestId,
        Long retryAfter) {

    public static ErrorResponse of(ErrorCode code, String message, String requestId) {
        return new ErrorResponse(code, message, null, null, requestId, null);
    }
}
