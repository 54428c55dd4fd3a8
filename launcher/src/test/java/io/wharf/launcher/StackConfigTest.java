package io.wharf.launcher;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StackConfigTest {

    @Test
    void scaleAcceptsFullAndShortServiceNames() {
        assertThat(StackConfig.parseScale("identity-service=2, project=3"))
                .containsExactly(Map.entry(Services.IDENTITY, 2), Map.entry(Services.PROJECT, 3));
        assertThat(StackConfig.parseScale("")).isEmpty();
        assertThat(StackConfig.parseScale(null)).isEmpty();
    }

    @Test
    void scaleRejectsUnknownServicesAndBadCounts() {
        assertThatThrownBy(() -> StackConfig.parseScale("kafka=2")).hasMessageContaining("unknown service");
        assertThatThrownBy(() -> StackConfig.parseScale("identity=0")).hasMessageContaining("1..9");
        assertThatThrownBy(() -> StackConfig.parseScale("identity")).hasMessageContaining("<service>=<replicas>");
        assertThatThrownBy(() -> StackConfig.parseScale("identity=two")).hasMessageContaining("number");
    }

    @Test
    void defaultsFindTheRepositoryAndPutDataUnderIt() {
        StackConfig config = StackConfig.builder().build();
        assertThat(config.repoRoot().resolve("pom.xml")).exists();
        assertThat(config.repoRoot().resolve("launcher")).isDirectory();
        assertThat(config.dataDir()).isEqualTo(config.repoRoot().resolve("data"));
        assertThat(config.ports()).isEqualTo(PortPlan.defaults());
        assertThat(config.services()).isEqualTo(Services.ALL);
        assertThat(config.gateway()).isTrue();
        assertThat(config.allowPrivateTargets()).isTrue();
    }

    @Test
    void cannotScaleAServiceThatIsNotStarted() {
        assertThatThrownBy(() -> StackConfig.builder().services(List.of("identity")).replicas("project", 2).build())
                .hasMessageContaining("project-service");
    }

    @Test
    void launcherReadsWharfPortDataAndScaleFromTheEnvironment() {
        StackConfig config = Launcher.configFrom(
                Map.of("WHARF_PORT", "18080", "WHARF_DATA", "/tmp/wharf-x", "WHARF_SCALE", "identity=2"),
                List.of("--scale", "node=3", "--scale=project=2"));
        assertThat(config.ports().gateway()).isEqualTo(18080);
        assertThat(config.dataDir()).isEqualTo(Path.of("/tmp/wharf-x"));
        assertThat(config.replicas()).containsOnly(
                Map.entry(Services.IDENTITY, 2), Map.entry(Services.NODE, 3), Map.entry(Services.PROJECT, 2));
    }

    @Test
    void extraArgumentsApplyToAllOrOnePart() {
        StackConfig config = StackConfig.builder()
                .extraArg("*", "--a=1").extraArg(Services.GATEWAY, "--b=2").build();
        assertThat(config.extraArgs(Services.GATEWAY)).containsExactly("--a=1", "--b=2");
        assertThat(config.extraArgs(Services.IDENTITY)).containsExactly("--a=1");
    }
}
