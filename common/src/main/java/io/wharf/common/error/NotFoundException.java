package io.wharf.common.error;

/** 404: unknown id, or an object of a team the caller is not a member of. */
public class NotFoundException extends WharfException {

    public NotFoundException(String message) {
        super(ErrorCode.NOT_FOUND, message);
    }

    public NotFoundException(String message, String field, String hint) {
        super(ErrorCode.NOT_FOUND, message, field, hint);
    }
}
