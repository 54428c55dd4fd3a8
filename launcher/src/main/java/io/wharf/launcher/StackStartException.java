package io.wharf.launcher;

/** The stack could not start; the message names the part and carries the tail of its log. */
public class StackStartException extends RuntimeException {

    public StackStartException(String message) {
        super(message);
    }

    public StackStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
