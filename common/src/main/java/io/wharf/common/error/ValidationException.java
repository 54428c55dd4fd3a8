package io.wharf.common.error;

/** 400: the request itself is wrong (a rule of a single request). */
public class ValidationException extends WharfException {

    public ValidationException(String message) {
        super(ErrorCode.VALIDATION_ERROR, message);
    }

    public ValidationException(String message, String field, String hint) {
        super(ErrorCode.VALIDATION_ERROR, message, field, hint);
    }
}
