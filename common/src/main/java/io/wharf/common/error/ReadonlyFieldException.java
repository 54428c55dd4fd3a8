package io.wharf.common.error;

/** 422: a PATCH touched a read-only field; the whole request is refused. */
public class ReadonlyFieldException extends WharfException {

    public ReadonlyFieldException(String message) {
        super(ErrorCode.READONLY_FIELD, message);
    }

    public ReadonlyFieldException(String message, String field, String hint) {
        super(ErrorCode.READONLY_FIELD, message, field, hint);
    }
}
