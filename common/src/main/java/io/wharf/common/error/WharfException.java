package io.wharf.common.error;

/**
 * A refusal that has a code of SPEC §1.2. Thrown by aggregates and handlers, translated to the
 * envelope in one place per web stack; never caught per endpoint, never matched on its message.
 */
public class WharfException extends RuntimeException {

    private final ErrorCode code;
    private final String field;
    private final String hint;

    public WharfException(ErrorCode code, String message) {
        this(code, message, null, null);
    }

    public WharfException(ErrorCode code, String message, String field, String hint) {
        super(message, null, false, false); // refusals are expected: no stack trace to fill or log
        this.code = code;
        this.field = field;
        this.hint = hint;
    }

    public ErrorCode code() {
        return code;
    }

    public String field() {
        return field;
    }

    public String hint() {
        return hint;
    }
}
