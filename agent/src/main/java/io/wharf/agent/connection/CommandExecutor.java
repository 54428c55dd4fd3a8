package io.wharf.agent.connection;

import io.wharf.agent.docker.ContainerInfo;
import io.wharf.agent.docker.ContainerNames;
import io.wharf.agent.docker.ContainerNotFoundException;
import io.wharf.agent.docker.DockerRuntime;
import io.wharf.agent.protocol.v1.Command;
import io.wharf.agent.protocol.v1.CommandResult;
import io.wharf.agent.protocol.v1.ContainerAction;
import io.wharf.agent.protocol.v1.ContainerId;
import io.wharf.agent.protocol.v1.ContainerPort;
import io.wharf.agent.protocol.v1.ContainerState;
import java.util.List;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Carries out one server command on the engine and says how it went. */
final class CommandExecutor {

    private static final Logger log = LoggerFactory.getLogger(CommandExecutor.class);

    private final DockerRuntime docker;
    private final SelfUpdater updater;
    private final Executor background;

    CommandExecutor(DockerRuntime docker, SelfUpdater updater, Executor background) {
        this.docker = docker;
        this.updater = updater;
        this.background = background;
    }

    CommandResult execute(Command command, boolean outdated) {
        CommandResult.Builder result = CommandResult.newBuilder().setRequestId(command.getRequestId());
        if (outdated && !command.hasUpdate()) {
            return result.setError(CommandResult.Error.REFUSED_OUTDATED)
                    .setMessage("This agent is outdated and only accepts update.").build();
        }
        try {
            switch (command.getActionCase()) {
                case LIST_CONTAINERS -> result.addAllContainers(states(docker.list(command.getListContainers().getPrefix())));
                case CONTAINER_ACTION -> act(command.getContainerAction());
                case DELETE_CONTAINERS -> docker.deletePrefix(command.getDeleteContainers().getPrefix());
                case UPDATE -> update(command.getUpdate().getTag(), command.getUpdate().getTimeoutSeconds());
                default -> result.setError(CommandResult.Error.INVALID).setMessage("Unknown command.");
            }
        } catch (ContainerNames.InvalidContainerNameException e) {
            result.setError(CommandResult.Error.INVALID).setMessage(e.getMessage());
        } catch (ContainerNotFoundException e) {
            result.setError(CommandResult.Error.NOT_FOUND).setMessage(e.getMessage());
        } catch (RuntimeException e) {
            log.warn("Command {} failed: {}", command.getActionCase(), e.toString());
            result.setError(CommandResult.Error.FAILED).setMessage(String.valueOf(e.getMessage()));
        }
        return result.build();
    }

    /**
     * Acknowledges at once and pulls/starts the successor in the background: a pull can outlast the
     * time node-service waits for an answer (30 s), and a late answer would look like a refusal. Only
     * what is known at once (a jar agent cannot update) is answered as an error. A failure later is
     * logged; node-service keeps {@code updating} until its deadline and this agent keeps the node.
     */
    private void update(String tag, int timeoutSeconds) {
        updater.check();
        background.execute(() -> {
            try {
                updater.update(tag, timeoutSeconds);
            } catch (RuntimeException e) {
                log.warn("Update to {} failed: {}; this agent keeps running", tag, e.toString());
            }
        });
    }

    private void act(ContainerAction action) {
        String prefix = action.getContainer().getPrefix();
        String name = action.getContainer().getName();
        switch (action.getOperation()) {
            case START -> docker.start(prefix, name);
            case STOP -> docker.stop(prefix, name);
            case RESTART -> docker.restart(prefix, name);
            case DELETE -> docker.delete(prefix, name);
            default -> throw new ContainerNames.InvalidContainerNameException("Unknown container operation.");
        }
    }

    static List<ContainerState> states(List<ContainerInfo> containers) {
        return containers.stream().map(c -> ContainerState.newBuilder()
                .setId(ContainerId.newBuilder().setPrefix(c.prefix()).setName(c.name()))
                .setCommand(nonNull(c.command())).setCreatedAtEpochSeconds(c.createdAtEpochSeconds())
                .setState(c.state()).setReason(nonNull(c.reason())).setStatus(nonNull(c.status()))
                .setImageName(c.imageName()).setImageTag(c.imageTag())
                .addAllPorts(c.ports().stream().map(p -> ContainerPort.newBuilder().setInternal(p.internal())
                        .setExternal(p.external()).build()).toList())
                .build()).toList();
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }
}
