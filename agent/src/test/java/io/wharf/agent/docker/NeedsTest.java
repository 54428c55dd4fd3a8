package io.wharf.agent.docker;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** A missing engine skips a test on a workstation and fails it in CI. */
class NeedsTest {

    @Test
    void skipsOutsideCiFailsInCi() {
        assertThatCode(() -> Needs.need(true, "no engine", "true")).doesNotThrowAnyException();
        assertThatThrownBy(() -> Needs.need(false, "no engine", null)).isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("SKIPPED: no engine");
        assertThatThrownBy(() -> Needs.need(false, "no engine", "true")).isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("CI=true and no engine");
    }
}
