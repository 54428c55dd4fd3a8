package io.wharf.node.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.wharf.agent.connection.AgentClient;
import io.wharf.agent.connection.AgentSettings;
import io.wharf.agent.docker.DockerRuntime;
import io.wharf.common.test.InProcessMongo;
import io.wharf.node.config.NodeProperties;
import io.wharf.node.support.Docker;
import io.wharf.node.support.NodeServiceInstance;
import io.wharf.node.support.NodeServiceInstance.Team;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * SPEC §4 "gRPC, TLS-capable": node-service serves the agent port with a self-signed certificate for
 * 127.0.0.1/localhost (made by openssl here); the real agent trusting it (through the CA the install
 * script embeds) connects, while a plaintext agent and an agent that does not trust the certificate fail
 * quickly with an error that says why.
 */
@ExtendWith(OutputCaptureExtension.class)
class AgentTlsTest {

    @TempDir
    static Path certs;
    static Path cert;
    static Path key;
    static Path otherCert;
    static NodeServiceInstance service;
    static DockerRuntime docker;
    final List<AgentClient> agents = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        cert = certs.resolve("server.pem");
        key = certs.resolve("server-key.pem");
        otherCert = certs.resolve("other.pem");
        selfSigned(cert, key);
        selfSigned(otherCert, certs.resolve("other-key.pem"));
        service = NodeServiceInstance.start(InProcessMongo.freshDatabase(AgentTlsTest.class),
                "--wharf.node.grpc.tls.cert-chain=" + cert, "--wharf.node.grpc.tls.private-key=" + key,
                "--wharf.node.grpc.tls.agent-ca=" + cert);
        // the agent needs a runtime object; these tests never touch the engine (states are reported best effort)
        docker = new DockerRuntime(Docker.host());
    }

    private static void selfSigned(Path certFile, Path keyFile) throws Exception {
        Process openssl;
        try {
            openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                    "-keyout", keyFile.toString(), "-out", certFile.toString())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("SKIPPED: openssl is not installed; the agent TLS tests generate their certificate with it");
            return;
        }
        String output = new String(openssl.getInputStream().readAllBytes());
        assertThat(openssl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(openssl.exitValue()).as(output).isZero();
    }

    @AfterEach
    void stopAgents() {
        agents.forEach(AgentClient::close);
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.close();
        }
        if (docker != null) {
            docker.close();
        }
    }

    private AgentClient agent(String token, boolean tls, String ca) throws IOException {
        AgentClient client = new AgentClient(new AgentSettings(service.agentAddress(), token,
                Files.createTempDirectory("wharf-agent-tls"), Docker.host(), "tls", Duration.ofSeconds(1), tls, ca),
                docker, "0.1.0");
        agents.add(client);
        client.start();
        return client;
    }

    private static String scriptVariable(String script, String name) {
        Matcher matcher = Pattern.compile("(?m)^" + name + "='([^']*)'").matcher(script);
        assertThat(matcher.find()).as(name + " in the script").isTrue();
        return matcher.group(1);
    }

    @Test
    void anAgentTrustingTheCertificateTheScriptEmbedsConnects() throws Exception {
        Team team = service.team();
        String nodeId = service.createNode(team, "tls-node");
        var script = service.call("POST", "/api/" + team.slug() + "/nodes/" + nodeId + "/script",
                "{\"type\":\"docker\",\"scriptType\":\"shell\"}", team.admin());
        assertThat(script.status()).isEqualTo(201);
        String text = script.body().path("script").asText();
        assertThat(scriptVariable(text, "WHARF_TLS")).isEqualTo("true");
        String ca = scriptVariable(text, "WHARF_TLS_CA");
        assertThat(ca).isEqualTo(Files.readString(cert).strip());
        assertThat(text).contains("-e WHARF_TLS=\"$WHARF_TLS\" -e WHARF_TLS_CA=\"$WHARF_TLS_CA\"")
                .contains("WHARF_TLS=\"$WHARF_TLS\" WHARF_TLS_CA=\"$WHARF_TLS_CA\"");

        // the multi-line PEM stays one single-quoted shell word
        Path file = certs.resolve("install.sh");
        Files.writeString(file, text);
        Process syntax = new ProcessBuilder("sh", "-n", file.toString()).redirectErrorStream(true).start();
        assertThat(syntax.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(syntax.exitValue()).as(new String(syntax.getInputStream().readAllBytes())).isZero();

        AgentClient agent = agent(scriptVariable(text, "WHARF_TOKEN"), true, ca);
        await().atMost(Duration.ofSeconds(20)).until(agent::connected);
        assertThat(agent.nodeId()).isEqualTo(nodeId);
        await().atMost(Duration.ofSeconds(10)).until(() -> service.status(team, nodeId).equals("connected"));
    }

    @Test
    void theCaAlsoWorksAsAFileAndTheK8sScriptCarriesIt() throws Exception {
        Team team = service.team();
        String nodeId = service.createNode(team, "tls-file");
        var k8s = service.call("POST", "/api/" + team.slug() + "/nodes/" + nodeId + "/script",
                "{\"type\":\"k8s\",\"scriptType\":\"shell\"}", team.admin());
        assertThat(k8s.body().path("script").asText()).contains("WHARF_TLS: \"true\"")
                .contains("WHARF_TLS_CA: \"-----BEGIN CERTIFICATE-----\\n");
        AgentClient agent = agent(service.installToken(team, nodeId), true, cert.toString());
        await().atMost(Duration.ofSeconds(20)).until(agent::connected);
    }

    @Test
    void aPlaintextAgentFailsAgainstTheTlsPortAndSaysWhy() throws Exception {
        Team team = service.team();
        String nodeId = service.createNode(team, "plain");
        AgentClient agent = agent(service.installToken(team, nodeId), false, "");
        await().atMost(Duration.ofSeconds(10)).until(() -> agent.lastFailure() != null);
        assertThat(agent.lastFailure()).startsWith("UNAVAILABLE").contains("set WHARF_TLS=true");
        assertThat(agent.connected()).isFalse();
        assertThat(service.status(team, nodeId)).isEqualTo("unreachable");
    }

    @Test
    void anAgentNotTrustingTheCertificateFailsAndSaysWhy() throws Exception {
        Team team = service.team();
        String nodeId = service.createNode(team, "untrusting");
        String token = service.installToken(team, nodeId);
        // the JVM's trust store does not know the self-signed certificate
        AgentClient jvmStore = agent(token, true, "");
        // a CA that is not the server's
        AgentClient wrongCa = agent(token, true, Files.readString(otherCert));
        await().atMost(Duration.ofSeconds(10)).until(() -> jvmStore.lastFailure() != null && wrongCa.lastFailure() != null);
        for (AgentClient agent : List.of(jvmStore, wrongCa)) {
            assertThat(agent.lastFailure()).startsWith("UNAVAILABLE").contains("TLS handshake failed")
                    .contains("WHARF_TLS_CA");
            assertThat(agent.connected()).isFalse();
        }
        assertThat(service.status(team, nodeId)).isEqualTo("unreachable");
        // the token was not used up by the failed handshakes: a trusting agent still gets in with it
        AgentClient trusting = agent(token, true, cert.toString());
        await().atMost(Duration.ofSeconds(20)).until(trusting::connected);
    }

    @Test
    void startupLogSaysTlsAndNeverShowsTheKey(CapturedOutput output) throws Exception {
        String database = InProcessMongo.freshDatabase(AgentTlsTest.class);
        try (NodeServiceInstance plain = NodeServiceInstance.start(database);
             NodeServiceInstance tls = NodeServiceInstance.start(database,
                     "--wharf.node.grpc.tls.cert-chain=" + cert, "--wharf.node.grpc.tls.private-key=" + key)) {
            assertThat(output.getAll())
                    .contains("Agent gRPC endpoint on port " + plain.grpcPort() + " in plaintext")
                    .contains("Agent gRPC endpoint on port " + tls.grpcPort() + " with TLS (certificate chain " + cert + ")");
        }
        String keyBody = Files.readAllLines(key).get(1);
        assertThat(output.getAll()).doesNotContain(keyBody);
    }

    @Test
    void halfATlsConfigurationIsRefusedInsteadOfServingPlaintext() {
        assertThatThrownBy(() -> AgentGrpcServer.credentials(new NodeProperties.Tls(cert.toString(), "", "")))
                .hasMessageContaining("needs both cert-chain and private-key");
        assertThatThrownBy(() -> AgentGrpcServer.credentials(new NodeProperties.Tls(cert.toString(),
                certs.resolve("missing.pem").toString(), ""))).hasMessageContaining("Cannot read");
    }
}
