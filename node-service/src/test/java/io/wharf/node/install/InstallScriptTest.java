package io.wharf.node.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.agent.docker.DockerRuntime;
import io.wharf.common.test.InProcessMongo;
import io.wharf.node.support.Docker;
import io.wharf.node.support.NodeServiceInstance;
import io.wharf.node.support.NodeServiceInstance.Answer;
import io.wharf.node.support.NodeServiceInstance.Team;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The generated docker shell script, run with {@code sh} on this machine exactly as the install
 * command would (fetched from the public GET .../script), installs an agent that connects: the node
 * becomes {@code connected}. Two ways: the agent image when it was built ({@code agent/docker/build-image.sh},
 * done by .ci/run), and the documented fallback that runs the agent jar with the host's java.
 */
class InstallScriptTest {

    static final String AGENT_IMAGE = System.getenv().getOrDefault("WHARF_AGENT_IMAGE", "wharf/agent:0.1.0");
    DockerRuntime docker;
    NodeServiceInstance node;
    Path root;
    final List<Runnable> cleanups = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        docker = Docker.require();
        root = Files.createTempDirectory("wharf-install");
        // agents in a container dial the host over host networking: listen on every address
        node = NodeServiceInstance.start(InProcessMongo.freshDatabase(InstallScriptTest.class));
    }

    @AfterEach
    void stop() throws Exception {
        cleanups.forEach(Runnable::run);
        if (node != null) {
            node.close();
        }
        if (docker != null) {
            docker.close();
        }
    }

    /**
     * Runs the admin's install command ({@code curl -sL '<url>?key=…' | sh -}) with {@code sh}, the URL
     * pointed at this replica (the command names the public URL, the gateway).
     */
    private Process runScript(String command, String... env) throws Exception {
        String local = command.replace("http://127.0.0.1:8080", node.baseUrl());
        assertThat(local).as("the command names this replica now").contains(node.baseUrl() + "/api/");
        ProcessBuilder sh = new ProcessBuilder("sh", "-c", local).redirectErrorStream(true)
                .redirectOutput(root.resolve("install.log").toFile());
        for (int i = 0; i < env.length; i += 2) {
            sh.environment().put(env[i], env[i + 1]);
        }
        Process process = sh.start();
        process.getOutputStream().close();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return process;
    }

    /** Generates the docker shell script; answers the install command. */
    private String generate(Team team, String nodeId) {
        Answer script = node.call("POST", "/api/" + team.slug() + "/nodes/" + nodeId + "/script",
                "{\"type\":\"docker\",\"scriptType\":\"shell\",\"rootPath\":\"" + root + "\"}", team.admin());
        assertThat(script.status()).as(script.raw().body()).isEqualTo(201);
        // the script URL without its key (all a node id tells) is refused
        assertThat(node.call("GET", "/api/" + team.slug() + "/nodes/" + nodeId + "/script", null, team.user()).status())
                .isEqualTo(401);
        return script.body().path("command").asText();
    }

    @Test
    void theFallbackRunsTheAgentJarAndTheNodeConnects() throws Exception {
        Team team = node.team();
        String nodeId = node.createNode(team, "jar node");
        String command = generate(team, nodeId);
        Path jar = pathingJar();

        Process install = runScript(command, "WHARF_AGENT_IMAGE", "wharf-test/no-such-agent:0",
                "WHARF_AGENT_JAR", jar.toString(), "WHARF_AGENT_CONTAINER", "wharf-agent-jar-test");
        String log = Files.readString(root.resolve("install.log"));
        assertThat(install.exitValue()).as(log).isZero();
        assertThat(log).contains("agent jar started");
        Path pidFile = root.resolve("wharf-agent-jar-test/agent.pid");
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        cleanups.add(() -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy));

        await().atMost(Duration.ofSeconds(60)).until(() -> node.status(team, nodeId).equals("connected"));
        JsonNode details = node.call("GET", "/api/" + team.slug() + "/nodes/" + nodeId, null, team.user()).body();
        assertThat(details.path("hasToken").asBoolean()).isTrue();
        assertThat(details.path("version").asText()).isEqualTo("0.1.0");
        assertThat(Files.readString(root.resolve("wharf-agent-jar-test/node-token"))).startsWith("wnt." + nodeId);
        // the script is used up
        assertThat(node.call("GET", NodeServiceInstance.scriptPathOf(command), null, null).status()).isEqualTo(401);
        // and the installed agent does real work
        assertThat(node.call("GET", "/api/" + team.slug() + "/nodes/" + nodeId + "/containers?prefix=none", null,
                team.user()).status()).isEqualTo(200);
    }

    @Test
    void theAgentImageRunsAsAContainerAndTheNodeConnects() throws Exception {
        Docker.need(imageExists(AGENT_IMAGE), "the agent image " + AGENT_IMAGE
                + " is not built on this machine (agent/docker/build-image.sh; .ci/run builds it)");
        Team team = node.team();
        String nodeId = node.createNode(team, "image node");
        String command = generate(team, nodeId);
        String container = "wharf-agent-test-" + nodeId.substring(0, 8);
        cleanups.add(() -> removeContainer(container));

        Process install = runScript(command, "WHARF_AGENT_IMAGE", AGENT_IMAGE, "WHARF_AGENT_CONTAINER", container);
        String log = Files.readString(root.resolve("install.log"));
        assertThat(install.exitValue()).as(log).isZero();
        assertThat(log).contains("agent container " + container + " started");

        await().atMost(Duration.ofSeconds(60)).until(() -> node.status(team, nodeId).equals("connected"));
        assertThat(node.call("GET", "/api/" + team.slug() + "/nodes/" + nodeId + "/containers", null, team.user())
                .body()).extracting(c -> c.path("id").path("name").asText()).contains(container);

        // update: the container agent starts its successor, which replaces it under the same name
        String before = containerId(container);
        cleanups.add(() -> removeContainersNamed(container + "-next-"));
        assertThat(node.call("POST", "/api/" + team.slug() + "/nodes/" + nodeId + "/update", null, team.admin())
                .status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(90)).until(() -> {
            String now = containerId(container);
            return now != null && !now.equals(before) && node.status(team, nodeId).equals("connected");
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            JsonNode items = node.call("GET", "/api/" + team.slug() + "/nodes/" + nodeId + "/audit?skip=0&take=3", null,
                    team.user()).body().path("items");
            return items.get(0).path("event").asText().equals("connected")
                    && items.get(1).path("event").asText().equals("left")
                    && items.get(1).path("data").path("reason").asText().equals("replaced")
                    && items.get(2).path("event").asText().equals("update");
        });
        assertThat(node.call("GET", "/api/" + team.slug() + "/nodes/" + nodeId, null, team.user()).body()
                .path("updating").asBoolean()).isFalse();
    }

    private static String containerId(String name) {
        try {
            Process inspect = new ProcessBuilder("docker", "inspect", "-f", "{{.Id}}", name).redirectErrorStream(true).start();
            String out = new String(inspect.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return inspect.waitFor(20, TimeUnit.SECONDS) && inspect.exitValue() == 0 ? out : null;
        } catch (Exception e) {
            return null;
        }
    }

    private static void removeContainersNamed(String prefix) {
        try {
            Process ps = new ProcessBuilder("docker", "ps", "-aq", "--filter", "name=" + prefix).start();
            String ids = new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            ps.waitFor(20, TimeUnit.SECONDS);
            for (String id : ids.split("\\s+")) {
                if (!id.isBlank()) {
                    removeContainer(id);
                }
            }
        } catch (Exception ignored) {
            // best effort
        }
    }

    private static boolean imageExists(String image) throws Exception {
        Process inspect = new ProcessBuilder("docker", "image", "inspect", image).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return inspect.waitFor(20, TimeUnit.SECONDS) && inspect.exitValue() == 0;
    }

    private static void removeContainer(String name) {
        try {
            new ProcessBuilder("docker", "rm", "-f", name).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(30, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // best effort
        }
    }

    /**
     * A jar with only a manifest: Main-Class the agent, Class-Path this test's class path (the agent
     * module and its dependencies), so {@code java -jar} runs the real agent as the fallback does.
     */
    private Path pathingJar() throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "io.wharf.agent.AgentApplication");
        StringBuilder classPath = new StringBuilder();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            File file = new File(entry);
            classPath.append(file.toURI().toString()).append(' ');
        }
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath.toString().trim());
        Path jar = root.resolve("wharf-agent.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.flush();
        }
        return jar;
    }
}
