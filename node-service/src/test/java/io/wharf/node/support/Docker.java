package io.wharf.node.support;

import io.wharf.agent.docker.DockerRuntime;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The real engine for end-to-end tests. Where there is none the test skips, loudly — except in CI
 * ({@code CI=true}, set by .ci/run), where the engine is part of the machine: there it fails, so a
 * broken dockerd cannot turn the Docker tests into silent skips.
 */
public final class Docker {

    private Docker() {
    }

    public static String host() {
        return System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock");
    }

    public static DockerRuntime require() {
        DockerRuntime docker = new DockerRuntime(host());
        need(docker.reachable(), "no Docker engine at " + host() + "; the agent end-to-end tests need one");
        return docker;
    }

    /** Skips the test without {@code what} it needs — fails it under {@code CI=true}. */
    public static void need(boolean present, String what) {
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
