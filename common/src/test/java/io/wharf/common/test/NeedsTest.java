package io.wharf.common.test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** Missing infrastructure skips a test on a workstation and fails it in CI. */
class NeedsTest {

    @Test
    void presentIsFine() {
        assertThatCode(() -> Needs.need(true, "no engine", true)).doesNotThrowAnyException();
    }

    @Test
    void missingSkipsOutsideCi() {
        assertThatThrownBy(() -> Needs.need(false, "no engine", false)).isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("SKIPPED: no engine");
    }

    @Test
    void missingFailsInCi() {
        assertThatThrownBy(() -> Needs.need(false, "no engine", true)).isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("CI=true and no engine");
    }
}
