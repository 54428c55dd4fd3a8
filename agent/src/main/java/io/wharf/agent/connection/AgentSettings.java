package io.wharf.agent.connection;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The agent's configuration, from the environment the install script sets.
 *
 * @param server      host:port of node-service's agent endpoint ({@code WHARF_SERVER})
 * @param token       the install token, or a node token ({@code WHARF_TOKEN}); a node token stored in the
 *                    data directory wins over it
 * @param dataDir     where the node token and the key pair are kept ({@code WHARF_DATA_DIR})
 * @param dockerHost  the engine ({@code DOCKER_HOST}, default the local socket)
 * @param nodeName    a name for logs ({@code WHARF_NODE_NAME})
 * @param maxBackoff  longest pause between reconnects
 */
public record AgentSettings(String server, String token, Path dataDir, String dockerHost, String nodeName,
                            Duration maxBackoff) {

    public static AgentSettings fromEnvironment(Map<String, String> env) {
        String server = require(env, "WHARF_SERVER");
        return new AgentSettings(server, env.getOrDefault("WHARF_TOKEN", ""),
                Path.of(env.getOrDefault("WHARF_DATA_DIR", System.getProperty("user.home") + "/.wharf-agent")),
                env.getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock"),
                env.getOrDefault("WHARF_NODE_NAME", "node"), Duration.ofSeconds(30));
    }

    private static String require(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is not set");
        }
        return value;
    }

    @Override
    public String toString() {
        return "AgentSettings[server=" + server + ", dataDir=" + dataDir + ", dockerHost=" + dockerHost
                + ", nodeName=" + nodeName + ", token=***]";
    }
}
