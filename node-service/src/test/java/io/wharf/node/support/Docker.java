package io.wharf.node.support;

import io.wharf.agent.docker.DockerRuntime;
import io.wharf.common.test.Needs;

/**
 * The real engine for end-to-end tests. Where there is none the test skips, loudly — except in CI,
 * where it fails ({@link Needs}), so a broken dockerd cannot turn the Docker tests into silent skips.
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

    /** Skips the test without {@code what} it needs — fails it under {@code CI=true} ({@link Needs}). */
    public static void need(boolean present, String what) {
        Needs.need(present, what);
    }
}
