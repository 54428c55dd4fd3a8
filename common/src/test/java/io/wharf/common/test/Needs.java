package io.wharf.common.test;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs from the machine (a Docker engine, the local registry, an image): where it is
 * missing the test skips, loudly — except in CI ({@code CI=true}, set by .ci/run), where it is part of
 * the machine: there the test fails, so broken infrastructure can never turn real tests into silent
 * skips. (The agent module has its own copy: it does not depend on common.)
 */
public final class Needs {

    private Needs() {
    }

    /** Whether this run is CI ({@code CI=true}): what tests need is then guaranteed by .ci/run. */
    public static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Skips the test without {@code what} it needs; fails it in CI. */
    public static void need(boolean present, String what) {
        need(present, what, inCi());
    }

    /** Skips the test without {@code what} it needs, or fails it when {@code mustHave}. */
    public static void need(boolean present, String what, boolean mustHave) {
        if (present) {
            return;
        }
        if (mustHave) {
            Assertions.fail("CI=true and " + what + " (CI always has it: see .ci/run's output)");
        }
        Assumptions.abort("SKIPPED: " + what);
    }
}
