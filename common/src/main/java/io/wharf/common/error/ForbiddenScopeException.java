package io.wharf.common.error;

/** 403: a credential used outside its scope (deployment or agent token). */
public class ForbiddenScopeException extends WharfException {

    public ForbiddenScopeException(String message) {
        super(ErrorCode.FORBIDDEN_SCOPE, message);
    }

    public ForbiddenScopeException(String message, String field, String hint) {
        super(ErrorCode.FORBIDDEN_SCOPE, message, field, hint);
    }
}
