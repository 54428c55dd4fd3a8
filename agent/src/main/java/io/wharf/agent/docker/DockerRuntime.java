package io.wharf.agent.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.api.model.Volume;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The agent's hands on the Docker Engine API (docker-java with the httpclient5 transport): the
 * container operations node-service asks for, and the building blocks of a deployment (pull with
 * credentials, create with the full config, start, watch state, logs). Names are checked by
 * {@link ContainerNames} before anything reaches the engine.
 */
public final class DockerRuntime implements Closeable {

    private final DockerClient docker;

    /**
     * Engine API 1.41 unless {@code DOCKER_API_VERSION} says otherwise: old enough for Debian 12's
     * engine, understood by every newer one, and independent of a {@code docker-java.properties} that
     * another library may put on the class path.
     */
    static final String DEFAULT_API_VERSION = "1.41";

    public DockerRuntime(String dockerHost) {
        String apiVersion = System.getenv().getOrDefault("DOCKER_API_VERSION", DEFAULT_API_VERSION);
        DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(dockerHost).withApiVersion(apiVersion).build();
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost()).sslConfig(config.getSSLConfig())
                .maxConnections(32).connectionTimeout(Duration.ofSeconds(5)).responseTimeout(Duration.ofMinutes(5))
                .build();
        this.docker = DockerClientImpl.getInstance(config, http);
    }

    /** Whether the engine answers a ping. */
    public boolean reachable() {
        try {
            docker.pingCmd().exec();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Every container of the engine (empty prefix), or those labelled with the prefix. */
    public List<ContainerInfo> list(String prefix) {
        ContainerNames.check("prefix", prefix, true);
        var command = docker.listContainersCmd().withShowAll(true);
        if (prefix != null && !prefix.isEmpty()) {
            command = command.withLabelFilter(Map.of(ContainerNames.PREFIX_LABEL, prefix));
        }
        List<ContainerInfo> found = new ArrayList<>();
        for (Container c : command.exec()) {
            found.add(info(c));
        }
        return found;
    }

    /** The containers Wharf manages (any prefix). */
    public List<ContainerInfo> managed() {
        List<ContainerInfo> found = new ArrayList<>();
        for (Container c : docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(List.of(ContainerNames.PREFIX_LABEL)).exec()) {
            found.add(info(c));
        }
        return found;
    }

    public void start(String prefix, String name) {
        String container = ContainerNames.engineName(prefix, name);
        try {
            String id = owned(prefix, name, container);
            docker.startContainerCmd(id).exec();
        } catch (NotModifiedException alreadyRunning) {
            // idempotent
        } catch (NotFoundException e) {
            throw new ContainerNotFoundException(container);
        }
    }

    public void stop(String prefix, String name) {
        String container = ContainerNames.engineName(prefix, name);
        try {
            String id = owned(prefix, name, container);
            docker.stopContainerCmd(id).withTimeout(10).exec();
        } catch (NotModifiedException alreadyStopped) {
            // idempotent
        } catch (NotFoundException e) {
            throw new ContainerNotFoundException(container);
        }
    }

    public void restart(String prefix, String name) {
        String container = ContainerNames.engineName(prefix, name);
        try {
            String id = owned(prefix, name, container);
            docker.restartContainerCmd(id).withTimeout(10).exec();
        } catch (NotFoundException e) {
            throw new ContainerNotFoundException(container);
        }
    }

    public void delete(String prefix, String name) {
        String container = ContainerNames.engineName(prefix, name);
        try {
            String id = owned(prefix, name, container);
            docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(false).exec();
        } catch (NotFoundException e) {
            throw new ContainerNotFoundException(container);
        }
    }

    /**
     * The engine id of {@code <prefix>-<name>} when it really is that container of the prefix: with a
     * prefix, its {@code io.wharf.prefix} label must be the prefix, since names alone are ambiguous
     * (prefix {@code a-b} + name {@code c} and prefix {@code a} + name {@code b-c} are both {@code a-b-c}).
     * Without a prefix the name is the engine's raw name (unmanaged containers too). The id, not the
     * name, is then acted on, so a container renamed meanwhile is not hit instead.
     *
     * @throws NotFoundException when there is no such container of the prefix
     */
    private String owned(String prefix, String name, String container) {
        InspectContainerResponse found = docker.inspectContainerCmd(container).exec();
        if (prefix != null && !prefix.isEmpty()) {
            Map<String, String> labels = found.getConfig() == null || found.getConfig().getLabels() == null
                    ? Map.of() : found.getConfig().getLabels();
            if (!prefix.equals(labels.get(ContainerNames.PREFIX_LABEL))) {
                throw new NotFoundException("not a container of prefix " + prefix);
            }
        }
        return found.getId();
    }

    /** Deletes every container labelled with the prefix; answers how many. */
    public int deletePrefix(String prefix) {
        ContainerNames.check("prefix", prefix, false);
        int deleted = 0;
        for (Container c : docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(ContainerNames.PREFIX_LABEL, prefix)).exec()) {
            try {
                docker.removeContainerCmd(c.getId()).withForce(true).exec();
                deleted++;
            } catch (NotFoundException goneMeanwhile) {
                // removed by someone else
            }
        }
        return deleted;
    }

    /** Pulls the image ({@code repository:tag}) with the credentials, if any. */
    public void pull(String image, RegistryAuth auth, Duration timeout) {
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        String repository = colon > slash ? image.substring(0, colon) : image;
        String tag = colon > slash ? image.substring(colon + 1) : "latest";
        var command = docker.pullImageCmd(repository).withTag(tag);
        if (auth != null && auth.user() != null) {
            command = command.withAuthConfig(new AuthConfig().withUsername(auth.user()).withPassword(auth.password())
                    .withRegistryAddress(auth.url()));
        }
        try {
            boolean done = command.exec(new ResultCallback.Adapter<PullResponseItem>())
                    .awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                throw new IllegalStateException("Pulling " + image + " took longer than " + timeout + ".");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while pulling " + image + ".");
        }
    }

    /**
     * Creates {@code <prefix>-<name>} with the full config, replacing a container of that name; answers
     * the container id. Networks are created when missing.
     */
    public String create(ContainerSpec spec) {
        String container = ContainerNames.engineName(spec.prefix(), spec.name());
        try {
            docker.removeContainerCmd(container).withForce(true).exec();
        } catch (NotFoundException none) {
            // nothing to replace
        }
        Map<String, String> labels = new HashMap<>(spec.labels() == null ? Map.of() : spec.labels());
        labels.put(ContainerNames.PREFIX_LABEL, spec.prefix() == null ? "" : spec.prefix());
        labels.put(ContainerNames.NAME_LABEL, spec.name());
        if (spec.secretKeys() != null && !spec.secretKeys().isEmpty()) {
            labels.put(ContainerNames.SECRET_KEYS_LABEL, String.join(",", spec.secretKeys()));
        }
        HostConfig host = HostConfig.newHostConfig();
        List<ExposedPort> exposed = new ArrayList<>();
        Ports bindings = new Ports();
        for (ContainerSpec.Port port : spec.ports() == null ? List.<ContainerSpec.Port>of() : spec.ports()) {
            ExposedPort tcp = ExposedPort.tcp(port.internal());
            exposed.add(tcp);
            if (port.external() > 0) {
                bindings.bind(tcp, Ports.Binding.bindPort(port.external()));
            }
        }
        host.withPortBindings(bindings);
        List<Bind> binds = new ArrayList<>();
        (spec.volumes() == null ? Map.<String, String>of() : spec.volumes())
                .forEach((source, target) -> binds.add(new Bind(source, new Volume(target))));
        host.withBinds(binds);
        if (spec.networkMode() != null) {
            host.withNetworkMode(spec.networkMode());
        }
        if (spec.restartPolicy() != null) {
            host.withRestartPolicy(RestartPolicy.parse(spec.restartPolicy()));
        }
        if (spec.logDriver() != null) {
            host.withLogConfig(new LogConfig(LogConfig.LoggingType.fromValue(spec.logDriver()), spec.logOptions()));
        }
        if (spec.capabilities() != null && !spec.capabilities().isEmpty()) {
            host.withCapAdd(spec.capabilities().stream().map(Capability::valueOf).toArray(Capability[]::new));
        }
        if (spec.memoryBytes() > 0) {
            host.withMemory(spec.memoryBytes());
        }
        if (spec.nanoCpus() > 0) {
            host.withNanoCPUs(spec.nanoCpus());
        }
        List<String> env = new ArrayList<>();
        (spec.environment() == null ? Map.<String, String>of() : spec.environment())
                .forEach((k, v) -> env.add(k + "=" + v));
        CreateContainerCmd create = docker.createContainerCmd(spec.image()).withName(container).withLabels(labels)
                .withEnv(env).withExposedPorts(exposed).withHostConfig(host).withTty(spec.tty());
        if (spec.user() != null) {
            create = create.withUser(spec.user());
        }
        if (spec.commands() != null && !spec.commands().isEmpty()) {
            create = create.withEntrypoint(spec.commands());
        }
        if (spec.args() != null && !spec.args().isEmpty()) {
            create = create.withCmd(spec.args());
        }
        String id = create.exec().getId();
        for (String network : spec.networks() == null ? List.<String>of() : spec.networks()) {
            ensureNetwork(network);
            docker.connectToNetworkCmd().withNetworkId(network).withContainerId(id).exec();
        }
        return id;
    }

    private void ensureNetwork(String network) {
        try {
            docker.inspectNetworkCmd().withNetworkId(network).exec();
        } catch (NotFoundException e) {
            try {
                docker.createNetworkCmd().withName(network).withLabels(Map.of("io.wharf.network", "true")).exec();
            } catch (ConflictException createdMeanwhile) {
                // another deployment created it
            }
        }
    }

    /**
     * Starts a successor of the container {@code own} (the agent itself) from the same repository with
     * {@code tag}: same environment (plus {@code extraEnv}), binds, network mode, restart policy and
     * labels, named {@code successorName}. The image is pulled when it is not on the node.
     */
    public String startSuccessor(String own, String tag, String successorName, Map<String, String> extraEnv,
                                 Duration pullTimeout) {
        InspectContainerResponse self = docker.inspectContainerCmd(own).exec();
        String current = self.getConfig().getImage();
        int slash = current.lastIndexOf('/');
        int colon = current.lastIndexOf(':');
        String image = (colon > slash ? current.substring(0, colon) : current) + ":" + tag;
        try {
            docker.inspectImageCmd(image).exec();
        } catch (NotFoundException missing) {
            pull(image, null, pullTimeout);
        }
        List<String> env = new ArrayList<>();
        for (String entry : self.getConfig().getEnv() == null ? new String[0] : self.getConfig().getEnv()) {
            String key = entry.contains("=") ? entry.substring(0, entry.indexOf('=')) : entry;
            if (!extraEnv.containsKey(key)) {
                env.add(entry);
            }
        }
        extraEnv.forEach((k, v) -> env.add(k + "=" + v));
        HostConfig host = HostConfig.newHostConfig().withBinds(self.getHostConfig().getBinds())
                .withNetworkMode(self.getHostConfig().getNetworkMode())
                .withRestartPolicy(self.getHostConfig().getRestartPolicy());
        String id = docker.createContainerCmd(image).withName(successorName).withEnv(env)
                .withLabels(self.getConfig().getLabels()).withHostConfig(host).exec().getId();
        docker.startContainerCmd(id).exec();
        return id;
    }

    /** Replaces the container {@code old} by {@code current}: removes old, gives current its name. */
    public void takeOver(String old, String current) {
        try {
            docker.removeContainerCmd(old).withForce(true).exec();
        } catch (NotFoundException gone) {
            // removed already
        }
        docker.renameContainerCmd(current).withName(old).exec();
    }

    /** Removes a network Wharf created (no-op when it is gone). */
    public void removeNetwork(String network) {
        try {
            docker.removeNetworkCmd(network).exec();
        } catch (NotFoundException gone) {
            // nothing to do
        }
    }

    /** The Wharf state of the container right now. */
    public String state(String prefix, String name) {
        String container = ContainerNames.engineName(prefix, name);
        try {
            InspectContainerResponse.ContainerState state = docker.inspectContainerCmd(container).exec().getState();
            return wharfState(state.getStatus());
        } catch (NotFoundException e) {
            throw new ContainerNotFoundException(container);
        }
    }

    /**
     * Polls the container until its Wharf state is one of {@code states} or the timeout passes;
     * answers the last state seen.
     */
    public String awaitState(String prefix, String name, Set<String> states, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String state = state(prefix, name);
        long pause = 20;
        while (!states.contains(state) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return state;
            }
            pause = Math.min(pause * 2, 250);
            state = state(prefix, name);
        }
        return state;
    }

    /**
     * The last {@code tail} log lines (stdout and stderr). Frames are not lines: a tty container's log is
     * one raw stream cut anywhere, so the payloads are joined and split at line ends.
     */
    public List<String> logs(String prefix, String name, int tail, Duration timeout) {
        String container = ContainerNames.engineName(prefix, name);
        List<String> lines = new ArrayList<>();
        LineSplitter splitter = new LineSplitter(lines::add);
        try {
            docker.logContainerCmd(container).withStdOut(true).withStdErr(true).withTail(tail)
                    .exec(new ResultCallback.Adapter<Frame>() {
                        @Override
                        public void onNext(Frame frame) {
                            splitter.accept(frame.getPayload());
                        }
                    }).awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (NotFoundException e) {
            throw new ContainerNotFoundException(container);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        splitter.flush();
        return lines;
    }

    /** Streams log lines to {@code sink} until the returned handle is closed or the container stops. */
    public Closeable followLogs(String prefix, String name, Consumer<String> sink) {
        String container = ContainerNames.engineName(prefix, name);
        LineSplitter splitter = new LineSplitter(sink);
        return docker.logContainerCmd(container).withStdOut(true).withStdErr(true).withFollowStream(true).withTail(0)
                .exec(new ResultCallback.Adapter<Frame>() {
                    @Override
                    public void onNext(Frame frame) {
                        splitter.accept(frame.getPayload());
                    }

                    @Override
                    public void onComplete() {
                        splitter.flush();
                        super.onComplete();
                    }
                });
    }

    /** Cuts a byte stream into lines (without their line ends); a last unterminated line comes with flush. */
    private static final class LineSplitter {
        private final Consumer<String> sink;
        private final java.io.ByteArrayOutputStream partial = new java.io.ByteArrayOutputStream();

        LineSplitter(Consumer<String> sink) {
            this.sink = sink;
        }

        synchronized void accept(byte[] payload) {
            for (byte b : payload) {
                if (b == '\n') {
                    emit();
                } else {
                    partial.write(b);
                }
            }
        }

        synchronized void flush() {
            if (partial.size() > 0) {
                emit();
            }
        }

        private void emit() {
            sink.accept(partial.toString(StandardCharsets.UTF_8).stripTrailing());
            partial.reset();
        }
    }

    /** Networks a container is attached to (for checks). */
    public Set<String> networksOf(String prefix, String name) {
        Map<String, ContainerNetwork> networks = docker.inspectContainerCmd(ContainerNames.engineName(prefix, name))
                .exec().getNetworkSettings().getNetworks();
        return networks == null ? Set.of() : networks.keySet();
    }

    /** The raw inspect answer, for checks of the created config. */
    public InspectContainerResponse inspect(String prefix, String name) {
        return docker.inspectContainerCmd(ContainerNames.engineName(prefix, name)).exec();
    }

    static String wharfState(String engineState) {
        if (engineState == null) {
            return "waiting";
        }
        return switch (engineState) {
            case "running" -> "running";
            case "exited", "dead", "removing" -> "exited";
            default -> "waiting";
        };
    }

    private static ContainerInfo info(Container c) {
        Map<String, String> labels = c.getLabels() == null ? Map.of() : c.getLabels();
        String engineName = c.getNames() == null || c.getNames().length == 0 ? c.getId()
                : c.getNames()[0].replaceFirst("^/", "");
        String prefix = labels.getOrDefault(ContainerNames.PREFIX_LABEL, "");
        String name = labels.getOrDefault(ContainerNames.NAME_LABEL, engineName);
        String image = c.getImage() == null ? "" : c.getImage();
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        String imageName = colon > slash ? image.substring(0, colon) : image;
        String imageTag = colon > slash ? image.substring(colon + 1) : "latest";
        List<ContainerSpec.Port> ports = new ArrayList<>();
        if (c.getPorts() != null) {
            for (var p : c.getPorts()) {
                if (p.getPrivatePort() != null) {
                    ports.add(new ContainerSpec.Port(p.getPrivatePort(), p.getPublicPort() == null ? 0 : p.getPublicPort()));
                }
            }
        }
        return new ContainerInfo(prefix, name, c.getCommand(), c.getCreated() == null ? 0 : c.getCreated(),
                wharfState(c.getState()), c.getState(), c.getStatus(), imageName, imageTag, ports.stream().distinct().toList());
    }

    @Override
    public void close() throws IOException {
        docker.close();
    }
}
