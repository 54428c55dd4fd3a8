package io.wharf.node.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wharf.common.error.NotFoundException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The audit of a container operation never replaces the operation's own outcome. */
class AuditedOperationTest {

    private static final Runnable FAILING_AUDIT = () -> {
        throw new IllegalStateException("audit store down");
    };

    @Test
    void theOutcomeIsRecordedOkOrAsTheErrorCode() {
        List<String> recorded = new ArrayList<>();
        AuditedOperation.run("stop", () -> { }, recorded::add);
        assertThatThrownBy(() -> AuditedOperation.run("stop", () -> {
            throw new NotFoundException("Container not found.", "name", null);
        }, recorded::add)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> AuditedOperation.run("stop", () -> {
            throw new IllegalArgumentException("bug");
        }, recorded::add)).isInstanceOf(IllegalArgumentException.class);
        assertThat(recorded).containsExactly("ok", "NOT_FOUND", "INTERNAL");
    }

    @Test
    void aFailingAuditWriteKeepsTheRealOutcome() {
        // success stays success (no exception, so the controller answers 204)
        AuditedOperation.run("stop", () -> { }, outcome -> FAILING_AUDIT.run());
        // an error stays that error, not the audit's failure
        assertThatThrownBy(() -> AuditedOperation.run("stop", () -> {
            throw new NotFoundException("Container not found.", "name", null);
        }, outcome -> FAILING_AUDIT.run())).isInstanceOf(NotFoundException.class).hasMessage("Container not found.");
    }
}
