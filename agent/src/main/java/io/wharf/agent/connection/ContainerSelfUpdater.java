package io.wharf.agent.connection;

import io.wharf.agent.docker.DockerRuntime;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Self-update of the container agent (the install script names it in {@code WHARF_AGENT_CONTAINER}):
 * starts a successor from the same repository with the requested tag and the same settings, marked
 * with {@code WHARF_REPLACES} and its temporary name. The successor connects with the shared node
 * token (node-service lets it replace this connection because the node is updating), then removes
 * this container and takes its name ({@link #finishTakeOver}). This agent ends when the server closes
 * its connection with {@code REPLACED}.
 */
public final class ContainerSelfUpdater implements SelfUpdater {

    public static final String REPLACES = "WHARF_REPLACES";
    public static final String TEMPORARY_NAME = "WHARF_AGENT_TEMP_NAME";
    private static final Logger log = LoggerFactory.getLogger(ContainerSelfUpdater.class);

    private final DockerRuntime docker;
    private final String own;

    public ContainerSelfUpdater(DockerRuntime docker, String own) {
        this.docker = docker;
        this.own = own;
    }

    @Override
    public void check() {
        if (own == null || own.isBlank()) {
            throw new IllegalStateException("The agent does not know its own container (WHARF_AGENT_CONTAINER).");
        }
    }

    @Override
    public void update(String tag, int timeoutSeconds) {
        String successor = own + "-next-" + UUID.randomUUID().toString().substring(0, 8);
        docker.startSuccessor(own, tag, successor, Map.of(REPLACES, own, TEMPORARY_NAME, successor),
                Duration.ofSeconds(Math.max(30, timeoutSeconds)));
        log.info("Update to {}: successor container {} started", tag, successor);
    }

    /** Run by a successor once the server welcomed it: the old agent's container goes, its name stays. */
    public static void finishTakeOver(DockerRuntime docker, Map<String, String> env) {
        String old = env.get(REPLACES);
        String temporary = env.get(TEMPORARY_NAME);
        if (old != null && temporary != null && !old.isBlank() && !temporary.isBlank()) {
            try {
                docker.takeOver(old, temporary);
                log.info("Took over from {}", old);
            } catch (RuntimeException e) {
                log.warn("Could not take over from {}: {}", old, e.toString());
            }
        }
    }
}
