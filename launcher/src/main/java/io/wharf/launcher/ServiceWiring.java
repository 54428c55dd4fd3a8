package io.wharf.launcher;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * THE place where the launcher tells services and the gateway where everything is. If a property
 * is renamed in a service, change it here (and in docker-compose.yml), nowhere else.
 *
 * <p>Non-secret settings go on the command line (highest precedence in Spring Boot, and visible in
 * {@code ps}, which helps debugging). The internal secret never goes on a command line — any user
 * can read those — but into the environment: {@code WHARF_INTERNAL_SECRET} (docs/conventions.md)
 * and {@code SPRING_APPLICATION_JSON}, which Spring Boot binds to
 * {@code wharf.security.internal-secret} even where no application.yml maps the variable.
 */
public final class ServiceWiring {

    /** Memory and start-up flags of every service and the gateway (2 shared cores, many JVMs). */
    static final List<String> SERVICE_JVM_OPTIONS = List.of(
            "-Xmx256m", "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-XX:+ExitOnOutOfMemoryError", "-Daxoniq.update-checker.disabled=true");

    /** Gateway property holding a service's base URL: {@code wharf.gateway.services.<service>}. */
    static final String GATEWAY_SERVICE_URL = "wharf.gateway.services.";
    /**
     * All base URLs of a scaled service, comma separated, in {@code wharf.gateway.service-replicas.<service>}
     * (only passed when a service has more than one replica; {@code wharf.gateway.services.<service>}
     * keeps the first URL so a gateway that knows one URL per service still works).
     */
    static final String GATEWAY_SERVICE_REPLICAS = "wharf.gateway.service-replicas.";
    static final String GATEWAY_JWKS_URI = "wharf.gateway.jwks-uri";
    /**
     * identity-service's base URL for the services that authorise team routes: they ask it when their
     * membership replica has not caught up yet (common's {@code TeamAccess}, docs/access.md).
     */
    static final String IDENTITY_URL = "wharf.identity.url";
    static final String JWKS_PATH = "/api/auth/jwks";
    /** node-service's gRPC port for agents (conventions: 9090). */
    static final String NODE_GRPC_PORT = "wharf.node.grpc-port";
    /** The public base URL of identity's invitation links (identity-service's {@code wharf.mail.public-url}). */
    static final String PUBLIC_URL_ENV = "WHARF_PUBLIC_URL";

    /** node-service: the URL install commands point at (the gateway) and the agent jar of the script's fallback. */
    static final String NODE_PUBLIC_URL = "wharf.node.public-url";
    static final String NODE_AGENT_JAR = "wharf.node.agent-jar";
    /** The local agent's environment (docs/agent.md). */
    static final String AGENT_SERVER = "WHARF_SERVER";
    static final String AGENT_TOKEN = "WHARF_TOKEN";
    static final String AGENT_DATA_DIR = "WHARF_DATA_DIR";
    /** An install (or node) token for the local agent, from POST /api/{team}/nodes/{id}/script. */
    static final String LOCAL_AGENT_TOKEN = "WHARF_LOCAL_AGENT_TOKEN";

    private ServiceWiring() {
    }

    /** Extra arguments of node-service replicas in the embedded stack. */
    public static List<String> nodeArgs(String gatewayUrl, java.nio.file.Path agentJar) {
        List<String> args = new ArrayList<>();
        args.add("--" + NODE_PUBLIC_URL + "=" + gatewayUrl);
        if (agentJar != null) {
            args.add("--" + NODE_AGENT_JAR + "=" + agentJar);
        }
        return args;
    }

    /** Environment of the local agent: node-service's first replica, its token, its data directory. */
    /**
     * The {@code WHARF_TOKEN} of the local agent, empty when it has no credential at all. The variable's
     * token is passed even when the agent stored a node token on an earlier run: the agent presents a new
     * install token itself (a reinstall after a revoke) and otherwise keeps its stored node token.
     */
    public static java.util.Optional<String> localAgentToken(java.nio.file.Path agentData, String variable) {
        String token = variable == null ? "" : variable.strip();
        boolean stored = java.nio.file.Files.isRegularFile(agentData.resolve("node-token"));
        return token.isEmpty() && !stored ? java.util.Optional.empty() : java.util.Optional.of(token);
    }

    public static Map<String, String> agentEnvironment(int nodeGrpcPort, String token, java.nio.file.Path dataDir) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(AGENT_SERVER, "127.0.0.1:" + nodeGrpcPort);
        env.put(AGENT_TOKEN, token == null ? "" : token);
        env.put(AGENT_DATA_DIR, dataDir.toString());
        return env;
    }

    /** Where the infrastructure of a stack is. */
    public record Infra(String mongoUri, String kafkaBootstrap, String internalSecret, boolean allowPrivateTargets) {
        @Override
        public String toString() {
            return "Infra[mongoUri=" + mongoUri + ", kafkaBootstrap=" + kafkaBootstrap + ", internalSecret=***]";
        }
    }

    /** Command-line arguments of one replica of a service. */
    public static List<String> serviceArgs(String service, int port, int nodeGrpcPort, Infra infra) {
        List<String> args = new ArrayList<>(commonArgs(port, infra));
        // Services are only reached through the gateway (or directly from this machine).
        args.add("--server.address=127.0.0.1");
        if (service.equals(Services.NODE)) {
            args.add("--" + NODE_GRPC_PORT + "=" + nodeGrpcPort);
        }
        return args;
    }

    /**
     * Where a service finds identity-service (its first replica), like the gateway is told its
     * service URLs: every service but identity itself, nothing when identity is not part of the stack.
     */
    public static List<String> identityArgs(String service, Map<String, List<String>> serviceUrls) {
        List<String> identity = serviceUrls.get(Services.IDENTITY);
        if (service.equals(Services.IDENTITY) || identity == null || identity.isEmpty()) {
            return List.of();
        }
        return List.of("--" + IDENTITY_URL + "=" + identity.get(0));
    }

    /**
     * Command-line arguments of the gateway.
     *
     * @param serviceUrls base URLs of each service, first replica first
     */
    public static List<String> gatewayArgs(int port, Map<String, List<String>> serviceUrls, Infra infra) {
        List<String> args = new ArrayList<>(commonArgs(port, infra));
        serviceUrls.forEach((service, urls) -> {
            args.add("--" + GATEWAY_SERVICE_URL + service + "=" + urls.get(0));
            if (urls.size() > 1) {
                args.add("--" + GATEWAY_SERVICE_REPLICAS + service + "=" + String.join(",", urls));
            }
        });
        List<String> identity = serviceUrls.get(Services.IDENTITY);
        if (identity != null) {
            args.add("--" + GATEWAY_JWKS_URI + "=" + identity.get(0) + JWKS_PATH);
        }
        return args;
    }

    private static List<String> commonArgs(int port, Infra infra) {
        return List.of(
                "--server.port=" + port,
                "--spring.data.mongodb.uri=" + infra.mongoUri(),
                "--spring.kafka.bootstrap-servers=" + infra.kafkaBootstrap(),
                "--wharf.security.allow-private-targets=" + infra.allowPrivateTargets());
    }

    /** Environment of every service and the gateway (added to the launcher's own environment). */
    public static Map<String, String> environment(int port, Infra infra) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        env.put("WHARF_MONGO_URI", infra.mongoUri());
        env.put("WHARF_KAFKA_BOOTSTRAP", infra.kafkaBootstrap());
        env.put("WHARF_ALLOW_PRIVATE_TARGETS", Boolean.toString(infra.allowPrivateTargets()));
        env.put("WHARF_INTERNAL_SECRET", infra.internalSecret());
        env.put("SPRING_APPLICATION_JSON",
                "{\"wharf.security.internal-secret\":\"" + jsonEscape(infra.internalSecret()) + "\"}");
        // The gateway reads its port from WHARF_PORT; the command line wins anyway.
        env.put("SERVER_PORT", Integer.toString(port));
        return env;
    }

    /**
     * identity-service's accept links in invitation e-mails start with {@code WHARF_PUBLIC_URL}; the
     * launcher points it at the gateway it starts (WHARF_PORT may move it off 8080), unless the
     * operator set it (then the launcher's own environment, which every child inherits, keeps it).
     */
    public static Map<String, String> identityEnvironment(int gatewayPort, Map<String, String> launcherEnvironment) {
        String configured = launcherEnvironment.get(PUBLIC_URL_ENV);
        if (configured != null && !configured.isBlank()) {
            return Map.of();
        }
        return Map.of(PUBLIC_URL_ENV, "http://localhost:" + gatewayPort);
    }

    private static String jsonEscape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
