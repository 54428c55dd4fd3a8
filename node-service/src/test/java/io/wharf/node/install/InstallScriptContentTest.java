package io.wharf.node.install;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.node.config.NodeProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * What the PowerShell script and the Kubernetes manifests say (neither runs on this machine: no
 * PowerShell, no cluster); the docker shell script really runs in {@link InstallScriptTest}.
 */
class InstallScriptContentTest {

    static final String NODE = "0b6f0a8e-1c2d-4e5f-8a9b-0c1d2e3f4a5b";
    static final String TOKEN = "wit." + NODE + "." + "A".repeat(43);
    final InstallScripts scripts = new InstallScripts(new NodeProperties(9090, "", "http://wharf.example", "0.1",
            "wharf/agent:0.1.0", "", Duration.ofMinutes(10), Duration.ofSeconds(30), Duration.ofSeconds(5),
            Duration.ofSeconds(20), "", "", new NodeProperties.Grpc(new NodeProperties.Tls("", "", ""), List.of()),
            new NodeProperties.Secrets("")));

    private String render(String type, String scriptType, String email) {
        return scripts.script(new InstallScripts.Request("team", NODE, "Edge 1", type, scriptType, null, email, TOKEN,
                "wharf.example:9090", Instant.parse("2026-11-23T10:10:00Z"), "the-key"));
    }

    @Test
    void thePowerShellScriptChecksDockerAndNamesAndLabelsTheAgentContainerLikeTheShellScript() {
        String ps = render("docker", "powershell", "ops@example.com");
        assertThat(ps).contains("Get-Command docker").contains("docker info")
                .contains("\"WHARF_AGENT_CONTAINER=$container\"")
                .contains("--label io.wharf.agent=true")
                .contains("--restart unless-stopped")
                .contains("-v //var/run/docker.sock:/var/run/docker.sock")
                .contains("-e WHARF_DATA_DIR=/data")
                .contains("$token = '" + TOKEN + "'")
                .contains("$acmeEmail = 'ops@example.com'")
                .contains("\"WHARF_TRAEFIK_ACME_EMAIL=$acmeEmail\"");
        // the docker check comes before anything is changed on the machine
        assertThat(ps.indexOf("docker info")).isLessThan(ps.indexOf("docker rm -f"));
        String shell = render("docker", "shell", null);
        assertThat(shell).contains("WHARF_AGENT_CONTAINER=\"$WHARF_AGENT_CONTAINER\"").contains("--label io.wharf.agent=true")
                .contains("$RUNTIME info");
        // a quote in a value cannot end the PowerShell string
        String injected = scripts.script(new InstallScripts.Request("team", NODE, "x", "docker", "powershell",
                "C:/a'; Remove-Item -Recurse C:/ ; '", null, TOKEN, "wharf.example:9090", Instant.now(), "the-key"));
        assertThat(injected).contains("$root = 'C:/a''; Remove-Item -Recurse C:/ ; '''");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theKubernetesManifestsKeepTheDataOnAVolumeAndMountTheNodesDockerSocket() {
        String script = render("k8s", "shell", "ops@example.com");
        assertThat(script).contains("PREVIEW").contains("no Kubernetes driver");
        String manifest = script.substring(script.indexOf("<<'WHARF_MANIFEST'\n") + "<<'WHARF_MANIFEST'\n".length(),
                script.lastIndexOf("WHARF_MANIFEST"));
        List<Map<String, Object>> documents = new ArrayList<>();
        new Yaml().loadAll(manifest).forEach(d -> documents.add((Map<String, Object>) d));
        assertThat(documents).extracting(d -> d.get("kind"))
                .containsExactly("Namespace", "Secret", "PersistentVolumeClaim", "Deployment");

        Map<String, Object> secret = documents.get(1);
        assertThat((Map<String, Object>) secret.get("stringData")).containsEntry("WHARF_TOKEN", TOKEN)
                .containsEntry("WHARF_SERVER", "wharf.example:9090").containsEntry("WHARF_TRAEFIK_ACME_EMAIL", "ops@example.com");

        Map<String, Object> deployment = documents.get(3);
        Map<String, Object> spec = (Map<String, Object>) deployment.get("spec");
        assertThat(spec.get("strategy")).isEqualTo(Map.of("type", "Recreate"));
        Map<String, Object> pod = (Map<String, Object>) ((Map<String, Object>) spec.get("template")).get("spec");
        Map<String, Object> agent = ((List<Map<String, Object>>) pod.get("containers")).get(0);
        assertThat((List<Map<String, Object>>) agent.get("env"))
                .contains(Map.of("name", "WHARF_DATA_DIR", "value", "/data"));
        assertThat((List<Map<String, Object>>) agent.get("volumeMounts"))
                .contains(Map.of("name", "data", "mountPath", "/data"),
                        Map.of("name", "docker-socket", "mountPath", "/var/run/docker.sock"));
        List<Map<String, Object>> volumes = (List<Map<String, Object>>) pod.get("volumes");
        assertThat(volumes).contains(Map.of("name", "data", "persistentVolumeClaim", Map.of("claimName", "wharf-agent-data")),
                Map.of("name", "docker-socket", "hostPath", Map.of("path", "/var/run/docker.sock", "type", "Socket")));
        assertThat(((Map<String, Object>) documents.get(2).get("metadata")).get("name")).isEqualTo("wharf-agent-data");
    }
}
