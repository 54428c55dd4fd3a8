package io.wharf.agent.connection;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The agent's configuration, from the environment the install script sets.
 *
 * @param server      host:port of node-service's agent endpoint ({@code WHARF_SERVER})
 * @param token       the install token, or a node token ({@code WHARF_TOKEN}); a node token stored in the
 *                    data directory wins over it unless it is an install token not exchanged yet (see TokenStore)
 * @param dataDir     where the node token and the key pair are kept ({@code WHARF_DATA_DIR})
 * @param dockerHost  the engine ({@code DOCKER_HOST}, default the local socket)
 * @param nodeName    a name for logs ({@code WHARF_NODE_NAME})
 * @param maxBackoff  longest pause between reconnects
 * @param tls         dial with TLS ({@code WHARF_TLS=true}); plaintext otherwise
 * @param tlsCa       what to trust with TLS ({@code WHARF_TLS_CA}): the PEM text itself or the path of a
 *                    PEM file with the CA or the server's self-signed certificate; blank: the JVM's trust store
 */
public record AgentSettings(String server, String token, Path dataDir, String dockerHost, String nodeName,
                            Duration maxBackoff, boolean tls, String tlsCa) {

    /** Plaintext settings (loopback, tests). */
    public AgentSettings(String server, String token, Path dataDir, String dockerHost, String nodeName,
                         Duration maxBackoff) {
        this(server, token, dataDir, dockerHost, nodeName, maxBackoff, false, "");
    }

    public AgentSettings {
        tlsCa = tlsCa == null ? "" : tlsCa.strip();
        if (!tls && !tlsCa.isEmpty()) {
            throw new IllegalArgumentException("WHARF_TLS_CA is set but WHARF_TLS is not true");
        }
    }

    public static AgentSettings fromEnvironment(Map<String, String> env) {
        String server = require(env, "WHARF_SERVER");
        return new AgentSettings(server, env.getOrDefault("WHARF_TOKEN", ""),
                Path.of(env.getOrDefault("WHARF_DATA_DIR", System.getProperty("user.home") + "/.wharf-agent")),
                env.getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock"),
                env.getOrDefault("WHARF_NODE_NAME", "node"), Duration.ofSeconds(30),
                flag(env, "WHARF_TLS"), env.getOrDefault("WHARF_TLS_CA", ""));
    }

    private static boolean flag(Map<String, String> env, String name) {
        String value = env.getOrDefault(name, "").strip();
        if (value.isEmpty() || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        throw new IllegalArgumentException(name + " must be true or false, not '" + value + "'");
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
                + ", nodeName=" + nodeName + ", tls=" + tls + ", token=***]";
    }
}
