package io.wharf.common.error;

/** 409: name or prefix taken, concurrent modification, a retry still in flight. */
public class ConflictException extends WharfException {

    public ConflictException(String message) {
        super(ErrorCode.CONFLICT, message);
    }

    public ConflictException(String message, String field, String hint) {
        super(ErrorCode.CONFLICT, message, field, hint);
    }
}
