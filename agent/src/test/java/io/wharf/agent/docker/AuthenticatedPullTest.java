package io.wharf.agent.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Pull with registry credentials against a real registry that demands them: Debian's
 * {@code docker-registry} with an htpasswd file, on a free loopback port, the busybox image pushed
 * into it by the docker CLI (with its own client config). Skips where there is no engine or registry.
 */
class AuthenticatedPullTest {

    static final String USER = "wharf";
    static final String PASSWORD = "s3cret-" + UUID.randomUUID();
    static DockerRuntime docker;
    static Process registry;
    static Path dir;
    static String address;
    static String image;

    @BeforeAll
    static void registry() throws Exception {
        docker = new DockerRuntime(System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock"));
        Needs.need(docker.reachable(), "no Docker engine reachable; the pull test needs one");
        Needs.need(Files.isExecutable(Path.of("/usr/bin/docker-registry")),
                "Debian's docker-registry is not installed (.ci/run installs it)");
        dir = Files.createTempDirectory("wharf-auth-registry");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        address = "127.0.0.1:" + port;
        Files.writeString(dir.resolve("htpasswd"), USER + ":" + new BCryptPasswordEncoder().encode(PASSWORD) + "\n");
        Files.writeString(dir.resolve("registry.yml"), """
                version: 0.1
                log: {level: warn}
                storage: {filesystem: {rootdirectory: %s/data}, delete: {enabled: true}}
                http: {addr: %s}
                auth: {htpasswd: {realm: wharf-test, path: %s/htpasswd}}
                """.formatted(dir, address, dir));
        registry = new ProcessBuilder("docker-registry", "serve", dir.resolve("registry.yml").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> http.send(HttpRequest.newBuilder(
                URI.create("http://" + address + "/v2/")).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 401);

        image = address + "/secure/busybox:1";
        cli(PASSWORD, "login", address, "-u", USER, "--password-stdin");
        cli(null, "tag", "local/busybox:1", image);
        cli(null, "push", "-q", image);
        cli(null, "rmi", image);
    }

    @AfterAll
    static void stop() throws Exception {
        if (registry != null) {
            registry.destroy();
            registry.waitFor(10, TimeUnit.SECONDS);
            try {
                cli(null, "rmi", "-f", image);
            } catch (AssertionError | IOException ignored) {
                // not pulled
            }
        }
        if (docker != null) {
            docker.close();
        }
    }

    /** The docker CLI with this test's own client config (never the machine's ~/.docker). */
    private static String cli(String stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("docker", "--config", dir.resolve("cli").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (stdin != null) {
            process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", args) + " failed: " + output);
        }
        return output;
    }

    private static boolean present() {
        try {
            cli(null, "image", "inspect", image);
            return true;
        } catch (AssertionError | IOException | InterruptedException e) {
            return false;
        }
    }

    @Test
    void pullsWithTheRightCredentialsOnly() throws Exception {
        assertThat(present()).isFalse();
        assertThatThrownBy(() -> docker.pull(image, null, Duration.ofSeconds(30))).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> docker.pull(image, new RegistryAuth(address, USER, "wrong"), Duration.ofSeconds(30)))
                .isInstanceOf(RuntimeException.class);
        assertThat(present()).isFalse();

        docker.pull(image, new RegistryAuth(address, USER, PASSWORD), Duration.ofSeconds(60));
        assertThat(present()).isTrue();
        String prefix = "auth" + UUID.randomUUID().toString().substring(0, 8);
        try {
            docker.create(new ContainerSpec(prefix, "pulled", image, Map.of(), List.of(), Map.of(), List.of(), null,
                    Map.of(), null, null, Map.of(), null, false, List.of(), List.of("true"), List.of(), 0, 0, List.of()));
            assertThat(docker.list(prefix)).extracting(ContainerInfo::imageName).containsExactly(address + "/secure/busybox");
        } finally {
            docker.deletePrefix(prefix);
        }
        assertThat(new RegistryAuth(address, USER, PASSWORD).toString()).doesNotContain(PASSWORD);
    }
}
