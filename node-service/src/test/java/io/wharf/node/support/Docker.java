package io.wharf.node.support;

import io.wharf.agent.docker.DockerRuntime;
import org.junit.jupiter.api.Assumptions;

/** The real engine for end-to-end tests; skips the test, loudly, where there is none. */
public final class Docker {

    private Docker() {
    }

    public static String host() {
        return System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock");
    }

    public static DockerRuntime require() {
        DockerRuntime docker = new DockerRuntime(host());
        Assumptions.assumeTrue(docker.reachable(),
                "SKIPPED: no Docker engine at " + host() + "; the agent end-to-end tests need one (CI always has it)");
        return docker;
    }
}
