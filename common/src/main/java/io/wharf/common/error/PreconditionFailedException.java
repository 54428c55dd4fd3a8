package io.wharf.common.error;

/** 412: a state rule refuses the action (immutable, in use, in progress, offline...). */
public class PreconditionFailedException extends WharfException {

    public PreconditionFailedException(String message) {
        super(ErrorCode.PRECONDITION_FAILED, message);
    }

    public PreconditionFailedException(String message, String field, String hint) {
        super(ErrorCode.PRECONDITION_FAILED, message, field, hint);
    }
}
