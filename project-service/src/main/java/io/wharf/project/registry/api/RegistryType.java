package io.wharf.project.registry.api;

import java.util.Arrays;
import java.util.Optional;

/** Seed 003's registry types and where each one's images live when the user gives no address. */
public enum RegistryType {
    V2("v2"), HUB("hub"), GITLAB("gitlab"), GITHUB("github"), GOOGLE("google"), UNCHECKED("unchecked");

    public static final String HUB_URL = "hub.docker.com";
    public static final String GITHUB_URL = "ghcr.io";
    public static final String GITLAB_URL = "registry.gitlab.com";

    private final String wire;

    RegistryType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<RegistryType> parse(String wire) {
        return Arrays.stream(values()).filter(t -> t.wire.equals(wire)).findFirst();
    }
}
