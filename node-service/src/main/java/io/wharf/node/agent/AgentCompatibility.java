package io.wharf.node.agent;

/**
 * SPEC §4 version compatibility: an agent is compatible when its major.minor equals the one this
 * release expects ({@code wharf.node.agent-version}); pre-release suffixes are ignored. Anything else
 * (including an unparsable version) is {@code outdated}.
 */
final class AgentCompatibility {

    private AgentCompatibility() {
    }

    static boolean outdated(String agentVersion, String expectedMajorMinor) {
        if (agentVersion == null) {
            return true;
        }
        String[] parts = agentVersion.split("[.-]");
        return parts.length < 2 || !(parts[0] + "." + parts[1]).equals(expectedMajorMinor);
    }
}
