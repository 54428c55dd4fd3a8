package io.wharf.agent.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import java.io.Closeable;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The agent's Docker runtime against the real engine on this machine (DOCKER_HOST or the local
 * socket) with the local busybox image and the local registry. Skips, loudly, where there is no engine.
 */
class DockerRuntimeTest {

    static final String IMAGE = "local/busybox:1";
    static final String REGISTRY_IMAGE = System.getenv().getOrDefault("WHARF_TEST_REGISTRY", "127.0.0.1:5000")
            + "/demo/busybox:1";
    static DockerRuntime docker;
    final String prefix = "wt" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void engine() {
        docker = new DockerRuntime(System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock"));
        Needs.need(docker.reachable(),
                "no Docker engine reachable (DOCKER_HOST or /var/run/docker.sock); agent Docker tests need one");
    }

    @AfterAll
    static void close() throws Exception {
        if (docker != null) {
            docker.close();
        }
    }

    @AfterEach
    void clean() {
        if (docker.reachable()) {
            docker.deletePrefix(prefix);
            docker.removeNetwork(prefix + "-net");
        }
    }

    private ContainerSpec sleeper(String name) {
        return new ContainerSpec(prefix, name, IMAGE, Map.of(), List.of(), Map.of(), List.of(), null, Map.of(), null,
                null, Map.of(), null, false, List.of(), List.of("sleep", "300"), List.of(), 0, 0, List.of());
    }

    @Test
    void createsNamedAndLabelledContainersAndDrivesTheirLifecycle() {
        docker.create(sleeper("web"));
        docker.start(prefix, "web");
        assertThat(docker.awaitState(prefix, "web", Set.of("running"), Duration.ofSeconds(10))).isEqualTo("running");

        List<ContainerInfo> listed = docker.list(prefix);
        assertThat(listed).singleElement().satisfies(c -> {
            assertThat(c.prefix()).isEqualTo(prefix);
            assertThat(c.name()).isEqualTo("web");
            assertThat(c.state()).isEqualTo("running");
            assertThat(c.imageName()).isEqualTo("local/busybox");
            assertThat(c.imageTag()).isEqualTo("1");
        });
        assertThat(docker.inspect(prefix, "web").getName()).isEqualTo("/" + prefix + "-web");
        assertThat(docker.list("")).extracting(ContainerInfo::name).contains("web");

        docker.stop(prefix, "web");
        assertThat(docker.state(prefix, "web")).isEqualTo("exited");
        docker.stop(prefix, "web"); // idempotent
        docker.start(prefix, "web");
        docker.start(prefix, "web"); // idempotent
        assertThat(docker.state(prefix, "web")).isEqualTo("running");
        String startedAt = docker.inspect(prefix, "web").getState().getStartedAt();
        docker.restart(prefix, "web");
        assertThat(docker.inspect(prefix, "web").getState().getStartedAt()).isNotEqualTo(startedAt);
        assertThat(docker.state(prefix, "web")).isEqualTo("running");

        docker.delete(prefix, "web");
        assertThat(docker.list(prefix)).isEmpty();
        assertThatThrownBy(() -> docker.delete(prefix, "web")).isInstanceOf(ContainerNotFoundException.class);
        assertThatThrownBy(() -> docker.start(prefix, "web")).isInstanceOf(ContainerNotFoundException.class);
    }

    @Test
    void deletesEveryContainerOfAPrefixAndNothingElse() {
        String other = "wt" + UUID.randomUUID().toString().substring(0, 8);
        docker.create(sleeper("a"));
        docker.create(sleeper("b"));
        docker.create(new ContainerSpec(other, "a", IMAGE, Map.of(), List.of(), Map.of(), List.of(), null, Map.of(),
                null, null, Map.of(), null, false, List.of(), List.of("sleep", "300"), List.of(), 0, 0, List.of()));
        try {
            assertThat(docker.deletePrefix(prefix)).isEqualTo(2);
            assertThat(docker.list(prefix)).isEmpty();
            assertThat(docker.list(other)).hasSize(1);
        } finally {
            docker.deletePrefix(other);
        }
    }

    @Test
    void createsWithTheFullConfigWatchesStateAndReadsLogs() throws Exception {
        Path shared = Files.createTempDirectory("wharf-bind");
        Files.writeString(shared.resolve("probe.txt"), "from the host\n");
        int hostPort;
        try (ServerSocket free = new ServerSocket(0)) {
            hostPort = free.getLocalPort();
        }
        ContainerSpec spec = new ContainerSpec(prefix, "full", IMAGE,
                Map.of("GREETING", "hello from wharf"),
                List.of(new ContainerSpec.Port(8080, hostPort)),
                Map.of(shared.toString(), "/data"),
                List.of(prefix + "-net"),
                null,
                Map.of("team", "blue"),
                "on-failure:3",
                "json-file", Map.of("max-size", "1m"),
                "root",
                true,
                List.of("/bin/sh", "-c"),
                List.of("echo $GREETING; id -u; cat /data/probe.txt; exit 0"),
                List.of("NET_ADMIN"),
                64L * 1024 * 1024,
                500_000_000L,
                List.of("API_KEY"));
        docker.create(spec);
        InspectContainerResponse created = docker.inspect(prefix, "full");
        assertThat(created.getConfig().getEnv()).contains("GREETING=hello from wharf");
        assertThat(created.getConfig().getLabels()).containsEntry("team", "blue")
                .containsEntry(ContainerNames.PREFIX_LABEL, prefix).containsEntry(ContainerNames.NAME_LABEL, "full")
                .containsEntry(ContainerNames.SECRET_KEYS_LABEL, "API_KEY");
        assertThat(created.getHostConfig().getRestartPolicy().toString()).isEqualTo("on-failure:3");
        assertThat(created.getHostConfig().getLogConfig().getType().getType()).isEqualTo("json-file");
        assertThat(created.getHostConfig().getMemory()).isEqualTo(64L * 1024 * 1024);
        assertThat(created.getHostConfig().getNanoCPUs()).isEqualTo(500_000_000L);
        assertThat(created.getHostConfig().getCapAdd()).extracting(Enum::name).containsExactly("NET_ADMIN");
        assertThat(created.getConfig().getUser()).isEqualTo("root");
        assertThat(created.getConfig().getEntrypoint()).containsExactly("/bin/sh", "-c");
        assertThat(created.getConfig().getTty()).as("tty").isTrue();
        assertThat(created.getHostConfig().getBinds()).extracting(b -> b.getPath() + ":" + b.getVolume().getPath())
                .containsExactly(shared + ":/data");
        Ports.Binding[] published = created.getHostConfig().getPortBindings().getBindings()
                .get(ExposedPort.tcp(8080));
        assertThat(published).extracting(Ports.Binding::getHostPortSpec).containsExactly(String.valueOf(hostPort));
        assertThat(docker.networksOf(prefix, "full")).contains(prefix + "-net");

        docker.start(prefix, "full");
        assertThat(docker.awaitState(prefix, "full", Set.of("exited"), Duration.ofSeconds(20))).isEqualTo("exited");
        // with a tty the engine sends raw chunks, not one frame per line: compare the lines of the whole
        await().atMost(Duration.ofSeconds(10)).until(() -> logLines("full"), l -> l.contains("from the host"));
        assertThat(logLines("full")).contains("hello from wharf", "0", "from the host");
    }

    private List<String> logLines(String name) {
        return String.join("\n", docker.logs(prefix, name, 10, Duration.ofSeconds(5))).lines().map(String::strip)
                .toList();
    }

    @Test
    void followLogsStreamsLinesWrittenAfterTheSubscription() throws Exception {
        docker.create(new ContainerSpec(prefix, "talker", IMAGE, Map.of(), List.of(), Map.of(), List.of(), null, Map.of(),
                null, null, Map.of(), null, false, List.of("/bin/sh", "-c"),
                List.of("echo before; while [ ! -f /tmp/go ]; do sleep 0.1; done; echo after subscribing; sleep 300"),
                List.of(), 0, 0, List.of()));
        docker.start(prefix, "talker");
        await().atMost(Duration.ofSeconds(10)).until(() -> docker.logs(prefix, "talker", 10, Duration.ofSeconds(5)),
                l -> l.contains("before"));
        List<String> seen = new CopyOnWriteArrayList<>();
        try (Closeable follow = docker.followLogs(prefix, "talker", seen::add)) {
            Process touch = new ProcessBuilder("docker", "exec", prefix + "-talker", "touch", "/tmp/go")
                    .redirectErrorStream(true).start();
            assertThat(touch.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(touch.exitValue()).as(new String(touch.getInputStream().readAllBytes())).isZero();
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains("after subscribing"));
        }
        assertThat(seen).as("only lines written after the subscription (tail 0)").doesNotContain("before");
    }

    @Test
    void aPrefixedNameOnlyReachesAContainerLabelledWithThatPrefix() {
        // prefix P + name "b-c" is the engine's P-b-c; so would be prefix "P-b" + name "c"
        docker.create(sleeper("b-c"));
        docker.start(prefix, "b-c");
        String other = prefix + "-b";
        assertThatThrownBy(() -> docker.stop(other, "c")).isInstanceOf(ContainerNotFoundException.class);
        assertThatThrownBy(() -> docker.restart(other, "c")).isInstanceOf(ContainerNotFoundException.class);
        assertThatThrownBy(() -> docker.delete(other, "c")).isInstanceOf(ContainerNotFoundException.class);
        assertThat(docker.state(prefix, "b-c")).as("untouched").isEqualTo("running");
        docker.stop(prefix, "b-c");
        assertThatThrownBy(() -> docker.start(other, "c")).isInstanceOf(ContainerNotFoundException.class);
        assertThat(docker.state(prefix, "b-c")).isEqualTo("exited");
        // without a prefix the name is the engine's own (unmanaged containers too)
        docker.start("", prefix + "-b-c");
        assertThat(docker.state(prefix, "b-c")).isEqualTo("running");
    }

    @Test
    void pullsFromTheLocalRegistry() {
        docker.pull(REGISTRY_IMAGE, new RegistryAuth("127.0.0.1:5000", null, null), Duration.ofSeconds(60));
        docker.create(new ContainerSpec(prefix, "pulled", REGISTRY_IMAGE, Map.of(), List.of(), Map.of(), List.of(), null,
                Map.of(), null, null, Map.of(), null, false, List.of(), List.of("sleep", "300"), List.of(), 0, 0, List.of()));
        docker.start(prefix, "pulled");
        assertThat(docker.awaitState(prefix, "pulled", Set.of("running"), Duration.ofSeconds(10))).isEqualTo("running");
        assertThatThrownBy(() -> docker.pull("127.0.0.1:5000/demo/no-such-image:1", null, Duration.ofSeconds(30)))
                .isInstanceOf(RuntimeException.class);
    }

    @Test
    void refusesNamesWithSlashesDotsOrControlCharacters() {
        for (String bad : List.of("a/b", "..", "a..b", "x\u0000y", "line\nbreak", "-lead", "", "ü")) {
            assertThatThrownBy(() -> docker.start(prefix, bad))
                    .as(bad).isInstanceOf(ContainerNames.InvalidContainerNameException.class);
        }
        assertThatThrownBy(() -> docker.list("../etc")).isInstanceOf(ContainerNames.InvalidContainerNameException.class)
                .hasMessageContaining("'/'");
        assertThatThrownBy(() -> docker.deletePrefix("")).isInstanceOf(ContainerNames.InvalidContainerNameException.class);
    }
}
