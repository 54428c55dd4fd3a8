package io.wharf.agent;

import io.wharf.agent.connection.AgentClient;
import io.wharf.agent.connection.AgentSettings;
import io.wharf.agent.connection.ContainerSelfUpdater;
import io.wharf.agent.connection.SelfUpdater;
import java.nio.file.Files;
import java.nio.file.Path;
import io.wharf.agent.docker.DockerRuntime;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the Wharf node agent (no framework): reads {@code WHARF_SERVER}, {@code WHARF_TOKEN},
 * {@code WHARF_DATA_DIR}, {@code DOCKER_HOST}, {@code WHARF_NODE_NAME}, {@code WHARF_TLS} and {@code WHARF_TLS_CA}, connects to node-service and
 * runs until the server revokes it or the process is stopped. Exit code 0 when stopped, 3 when the
 * server refused or revoked the token, 2 on a configuration error.
 */
public final class AgentApplication {

    public static final String VERSION = "0.1.0";

    private AgentApplication() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && "--version".equals(args[0])) {
            System.out.println("wharf-agent " + VERSION);
            return;
        }
        AgentSettings settings;
        DockerRuntime docker;
        AgentClient client;
        String container = System.getenv("WHARF_AGENT_CONTAINER");
        boolean inContainer = container != null && !container.isBlank() && Files.exists(Path.of("/.dockerenv"));
        try {
            settings = AgentSettings.fromEnvironment(System.getenv());
            docker = new DockerRuntime(settings.dockerHost());
            // the channel (and its TLS trust, WHARF_TLS_CA) is built here: a bad CA is a configuration error
            client = new AgentClient(settings, docker, VERSION,
                    inContainer ? new ContainerSelfUpdater(docker, container) : SelfUpdater.UNSUPPORTED);
        } catch (IllegalArgumentException e) {
            System.err.println("wharf-agent: " + e.getMessage());
            System.exit(2);
            return;
        }
        String acmeEmail = System.getenv("WHARF_TRAEFIK_ACME_EMAIL");
        if (acmeEmail != null && !acmeEmail.isBlank()) {
            // dyrector's agent starts Traefik for this; Wharf's does not (docs/agent.md): say so instead of
            // letting the operator wait for certificates that never come
            LoggerFactory.getLogger(AgentApplication.class).warn("WHARF_TRAEFIK_ACME_EMAIL is set, but this agent does"
                    + " not start or manage Traefik: run your own reverse proxy for TLS certificates");
        }
        if (inContainer) {
            client.onFirstWelcome(() -> ContainerSelfUpdater.finishTakeOver(docker, System.getenv()));
        }
        Runtime.getRuntime().addShutdownHook(new Thread(client::close, "wharf-agent-shutdown"));
        client.start();
        String why = client.stopped().get();
        docker.close();
        System.exit("stopped".equals(why) ? 0 : 3);
    }
}
