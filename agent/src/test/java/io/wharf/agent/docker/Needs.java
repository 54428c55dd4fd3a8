package io.wharf.agent.docker;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What a Docker test needs from the machine: where it is missing the test skips, loudly — except in CI
 * ({@code CI=true}, set by .ci/run), where it is part of the machine: there the test fails instead.
 */
final class Needs {

    private Needs() {
    }

    static void need(boolean present, String what) {
        need(present, what, System.getenv("CI"));
    }

    static void need(boolean present, String what, String ci) {
        if (present) {
            return;
        }
        if ("true".equalsIgnoreCase(ci)) {
            Assertions.fail("CI=true and " + what + " (CI always has it: see .ci/run's output)");
        }
        Assumptions.abort("SKIPPED: " + what);
    }
}
