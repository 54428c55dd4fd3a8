package io.wharf.common.error;

/** 401: no, expired, revoked or malformed credential. */
public class UnauthorizedException extends WharfException {

    public UnauthorizedException(String message) {
        super(ErrorCode.UNAUTHORIZED, message);
    }

    public UnauthorizedException(String message, String field, String hint) {
        super(ErrorCode.UNAUTHORIZED, message, field, hint);
    }
}
