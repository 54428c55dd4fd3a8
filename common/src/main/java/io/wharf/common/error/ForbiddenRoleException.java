package io.wharf.common.error;

/** 403: a member whose role does not allow the action. */
public class ForbiddenRoleException extends WharfException {

    public ForbiddenRoleException(String message) {
        super(ErrorCode.FORBIDDEN_ROLE, message);
    }

    public ForbiddenRoleException(String message, String field, String hint) {
        super(ErrorCode.FORBIDDEN_ROLE, message, field, hint);
    }
}
