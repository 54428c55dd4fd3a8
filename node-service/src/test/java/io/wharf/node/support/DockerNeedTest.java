package io.wharf.node.support;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** Missing Docker skips a test on a workstation and fails it in CI. */
class DockerNeedTest {

    @Test
    void presentIsFine() {
        assertThatCode(() -> Docker.need(true, "no engine", "true")).doesNotThrowAnyException();
    }

    @Test
    void missingSkipsOutsideCi() {
        assertThatThrownBy(() -> Docker.need(false, "no engine", null)).isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("SKIPPED: no engine");
        assertThatThrownBy(() -> Docker.need(false, "no engine", "false")).isInstanceOf(TestAbortedException.class);
    }

    @Test
    void missingFailsInCi() {
        assertThatThrownBy(() -> Docker.need(false, "no engine", "true")).isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("CI=true and no engine");
    }
}
