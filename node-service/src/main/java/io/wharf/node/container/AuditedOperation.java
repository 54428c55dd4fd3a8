package io.wharf.node.container;

import io.wharf.common.error.ErrorCode;
import io.wharf.common.error.WharfException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a container operation and records its outcome ({@code ok} or the error code) whatever it is.
 * The answer is the operation's: when the audit write itself fails, that is logged and the caller
 * still gets the operation's real outcome (a 204, or its own error), never a 500 about the audit.
 */
final class AuditedOperation {

    private static final Logger log = LoggerFactory.getLogger(AuditedOperation.class);

    private AuditedOperation() {
    }

    static void run(String what, Runnable operation, Consumer<String> record) {
        String outcome = "ok";
        try {
            operation.run();
        } catch (WharfException e) {
            outcome = e.code().name();
            throw e;
        } catch (RuntimeException e) {
            outcome = ErrorCode.INTERNAL.name();
            throw e;
        } finally {
            try {
                record.accept(outcome);
            } catch (RuntimeException failure) {
                log.error("Could not record {} (outcome {}) in the node audit: {}", what, outcome, failure.toString());
            }
        }
    }
}
