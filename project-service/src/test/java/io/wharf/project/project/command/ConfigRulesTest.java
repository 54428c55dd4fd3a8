package io.wharf.project.project.command;

import static io.wharf.project.project.command.ProjectTest.configWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.wharf.common.error.ValidationException;
import io.wharf.common.events.project.ContainerConfig;
import io.wharf.common.events.project.ContainerConfig.ConfigContainer;
import io.wharf.common.events.project.ContainerConfig.InitContainer;
import io.wharf.common.events.project.ContainerConfig.Markers;
import io.wharf.common.events.project.ContainerConfig.Port;
import io.wharf.common.events.project.ContainerConfig.PortRange;
import io.wharf.common.events.project.ContainerConfig.Range;
import io.wharf.common.events.project.ContainerConfig.Storage;
import io.wharf.common.events.project.ContainerConfig.UniqueKey;
import io.wharf.common.events.project.ContainerConfig.UniqueKeyValue;
import io.wharf.common.events.project.ContainerConfig.UniqueSecretKey;
import io.wharf.common.events.project.ContainerConfig.Volume;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** SPEC §3's container config rules and issue 4's bad-input list: each refusal names its field. */
class ConfigRulesTest {

    /** An item with its own id (ids are unique in a list). */
    static UniqueKeyValue kv(String key) {
        return new UniqueKeyValue(java.util.UUID.randomUUID().toString(), key, "v");
    }

    static Stream<Arguments> badConfigs() {
        String storage = "3f9d7a10-0000-4000-8000-000000000009";
        return Stream.of(
                Arguments.of(configWith("environment", List.of(kv("A"), kv(""))), "config.environment[1].key"),
                Arguments.of(configWith("environment", List.of(kv("A B"))), "config.environment[0].key"),
                Arguments.of(configWith("environment", List.of(kv("A"), kv("A"))), "config.environment[1].key"),
                Arguments.of(configWith("environment", List.of(kv("$where"))), "config.environment[0].key"),
                Arguments.of(configWith("environment", Collections.nCopies(513, kv("A"))), "config.environment"),
                Arguments.of(configWith("secrets", List.of(new UniqueSecretKey("s", "PASS WORD", true))),
                        "config.secrets[0].key"),
                Arguments.of(configWith("dockerLabels", List.of(kv("a"), kv("a"))), "config.dockerLabels[1].key"),
                Arguments.of(configWith("labels", new Markers(null, List.of(kv(" x")), null)),
                        "config.labels.deployment[0].key"),
                Arguments.of(configWith("annotations", new Markers(null, null, List.of(kv("")))),
                        "config.annotations.ingress[0].key"),
                // environment variable names: no '=', no control characters (init containers and secrets too)
                Arguments.of(configWith("environment", List.of(kv("A=B"))), "config.environment[0].key"),
                Arguments.of(configWith("environment", List.of(kv("A"), kv("B\u0000C"))), "config.environment[1].key"),
                Arguments.of(configWith("environment", List.of(kv("A\u0007"))), "config.environment[0].key"),
                Arguments.of(configWith("secrets", List.of(new UniqueSecretKey("s", "PASS=WORD", true))),
                        "config.secrets[0].key"),
                Arguments.of(configWith("secrets", List.of(new UniqueSecretKey("s", "PASS\u001bWORD", true))),
                        "config.secrets[0].key"),
                Arguments.of(configWith("initContainers", List.of(new InitContainer("i", "migrate", "busybox", null, null,
                        List.of(kv("X=1")), null, null))), "config.initContainers[0].environment[0].key"),
                // Kubernetes keys: [prefix/]name, name <= 63 alphanumerics with -_. inside, prefix a DNS subdomain
                Arguments.of(configWith("labels", new Markers(List.of(kv("-app")), null, null)),
                        "config.labels.service[0].key"),
                Arguments.of(configWith("labels", new Markers(List.of(kv("app-")), null, null)),
                        "config.labels.service[0].key"),
                Arguments.of(configWith("labels", new Markers(List.of(kv("a".repeat(64))), null, null)),
                        "config.labels.service[0].key"),
                Arguments.of(configWith("labels", new Markers(List.of(kv("Example.com/app")), null, null)),
                        "config.labels.service[0].key"),
                Arguments.of(configWith("labels", new Markers(List.of(kv("example..com/app")), null, null)),
                        "config.labels.service[0].key"),
                Arguments.of(configWith("labels", new Markers(List.of(kv(("a".repeat(63) + ".").repeat(4) + "com/app")),
                        null, null)), "config.labels.service[0].key"),
                Arguments.of(configWith("labels", new Markers(List.of(kv("example.com/")), null, null)),
                        "config.labels.service[0].key"),
                Arguments.of(configWith("labels", new Markers(List.of(kv("a/b/c")), null, null)),
                        "config.labels.service[0].key"),
                Arguments.of(configWith("annotations", new Markers(null, List.of(kv("ok"), kv("bad key!")), null)),
                        "config.annotations.deployment[1].key"),
                Arguments.of(configWith("extraLBAnnotations", List.of(kv("lb/ty:pe"))), "config.extraLBAnnotations[0].key"),
                // label values: empty or <= 63 alphanumerics with -_. inside (annotation values are free text)
                Arguments.of(configWith("labels", new Markers(null, null, List.of(new UniqueKeyValue("l", "tier",
                        "front end")))), "config.labels.ingress[0].value"),
                Arguments.of(configWith("labels", new Markers(null, null, List.of(new UniqueKeyValue("l", "tier",
                        "v".repeat(64))))), "config.labels.ingress[0].value"),
                Arguments.of(configWith("labels", new Markers(null, null, List.of(new UniqueKeyValue("l", "tier",
                        "-front")))), "config.labels.ingress[0].value"),
                Arguments.of(configWith("ports", List.of(new Port("p", 0, null))), "config.ports[0].internal"),
                Arguments.of(configWith("ports", List.of(new Port("p", 80, 65536))), "config.ports[0].external"),
                Arguments.of(configWith("ports", List.of(new Port("p", 80, null), new Port("q", 80, null))),
                        "config.ports[1].internal"),
                Arguments.of(configWith("portRanges", List.of(new PortRange("r", new Range(10, 5), null))),
                        "config.portRanges[0].internal.to"),
                Arguments.of(configWith("portRanges", List.of(new PortRange("r", new Range(10, 20), null),
                        new PortRange("s", new Range(15, 30), null))), "config.portRanges[1].internal"),
                Arguments.of(configWith("configContainer", new ConfigContainer("img", null, "/cfg", false)),
                        "config.configContainer.volume"),
                Arguments.of(configWith("configContainer", new ConfigContainer("img", "vol", "/a/../b", false)),
                        "config.configContainer.path"),
                Arguments.of(configWith("storage", new Storage(storage, "/data", null)), "config.storage.bucket"),
                Arguments.of(configWith("storage", new Storage(storage, null, "b")), "config.storage.path"),
                Arguments.of(configWith("storage", new Storage("not-a-uuid", "/d", "b")), "config.storage.storageId"),
                Arguments.of(configWith("name", "My_App"), "config.name"),
                Arguments.of(configWith("name", "-x"), "config.name"),
                Arguments.of(configWith("initContainers", List.of(new InitContainer("i", "Init", "busybox", null, null,
                        null, false, null))), "config.initContainers[0].name"),
                Arguments.of(configWith("volumes", List.of(new Volume("v", "data", "../etc", null, null, null))),
                        "config.volumes[0].path"),
                Arguments.of(configWith("volumes", List.of(new Volume("v", "data", "/d", null, "fast", null))),
                        "config.volumes[0].type"),
                Arguments.of(configWith("expose", "public"), "config.expose"),
                Arguments.of(configWith("restartPolicy", "sometimes"), "config.restartPolicy"),
                Arguments.of(configWith("networkMode", "overlay"), "config.networkMode"),
                Arguments.of(configWith("deploymentStrategy", "bluegreen"), "config.deploymentStrategy"),
                Arguments.of(configWith("user", -2), "config.user"),
                Arguments.of(configWith("networks", List.of(new UniqueKey("n", "a b"))), "config.networks[0].key"),
                Arguments.of(configWith("commands", List.of(new UniqueKey("c", ""))), "config.commands[0].key"),
                Arguments.of(configWith("healthCheckConfig", new ContainerConfig.HealthCheck(0, null, null, null)),
                        "config.healthCheckConfig.port"),
                Arguments.of(configWith("logConfig", new ContainerConfig.LogConfig("carrier-pigeon", null)),
                        "config.logConfig.driver"),
                // list-item ids: 1 to 64 visible characters, unique in their list
                Arguments.of(configWith("environment", List.of(new UniqueKeyValue("x".repeat(65), "A", "1"))),
                        "config.environment[0].id"),
                Arguments.of(configWith("environment", List.of(new UniqueKeyValue("a b", "A", "1"))),
                        "config.environment[0].id"),
                Arguments.of(configWith("ports", List.of(new Port("p", 80, null), new Port("p", 81, null))),
                        "config.ports[1].id"),
                Arguments.of(configWith("labels", new Markers(List.of(new UniqueKeyValue("l", "a", "1"),
                        new UniqueKeyValue("l", "b", "2")), null, null)), "config.labels.service[1].id"),
                Arguments.of(configWith("initContainers", List.of(new InitContainer("i", "init", "busybox",
                        List.of(new UniqueKey("c", "a"), new UniqueKey("c", "b")), null, null, false, null))),
                        "config.initContainers[0].command[1].id"),
                // routing.domain: a hostname; upload limit: nginx's size
                Arguments.of(configWith("routing", new ContainerConfig.Routing("shop example.com", null, null, null)),
                        "config.routing.domain"),
                Arguments.of(configWith("routing", new ContainerConfig.Routing("https://shop.example.com", null, null,
                        null)), "config.routing.domain"),
                Arguments.of(configWith("routing", new ContainerConfig.Routing("-shop.example.com", null, null, null)),
                        "config.routing.domain"),
                Arguments.of(configWith("routing", new ContainerConfig.Routing("a".repeat(64) + ".com", null, null,
                        null)), "config.routing.domain"),
                Arguments.of(configWith("routing", new ContainerConfig.Routing("shop.example.com", null, null,
                        "10 MB")), "config.routing.uploadLimit"),
                // image references
                Arguments.of(configWith("configContainer", new ConfigContainer("Busybox", "cfg", "/c", false)),
                        "config.configContainer.image"),
                Arguments.of(configWith("configContainer", new ConfigContainer("busybox:", "cfg", "/c", false)),
                        "config.configContainer.image"),
                Arguments.of(configWith("configContainer", new ConfigContainer("bad image", "cfg", "/c", false)),
                        "config.configContainer.image"),
                Arguments.of(configWith("initContainers", List.of(new InitContainer("i", "init", "a//b", null, null,
                        null, false, null))), "config.initContainers[0].image"),
                Arguments.of(configWith("initContainers", List.of(new InitContainer("i", "init", "busybox@sha256:xyz",
                        null, null, null, false, null))), "config.initContainers[0].image"),
                // quantities
                Arguments.of(configWith("resourceConfig", new ContainerConfig.Resources(
                        new ContainerConfig.ResourceLimit("half", null), null)), "config.resourceConfig.limits.cpu"),
                Arguments.of(configWith("resourceConfig", new ContainerConfig.Resources(
                        new ContainerConfig.ResourceLimit("0.5555", null), null)), "config.resourceConfig.limits.cpu"),
                Arguments.of(configWith("resourceConfig", new ContainerConfig.Resources(null,
                        new ContainerConfig.ResourceLimit("100m", "64MB"))), "config.resourceConfig.requests.memory"),
                Arguments.of(configWith("resourceConfig", new ContainerConfig.Resources(null,
                        new ContainerConfig.ResourceLimit(null, "-1Gi"))), "config.resourceConfig.requests.memory"),
                Arguments.of(configWith("volumes", List.of(new Volume("v", "data", "/d", "1 GB", null, null))),
                        "config.volumes[0].size"),
                // header names are HTTP tokens
                Arguments.of(configWith("customHeaders", List.of(new UniqueKey("h", "X:Trace"))),
                        "config.customHeaders[0].key"),
                Arguments.of(configWith("customHeaders", List.of(new UniqueKey("h", "X-Tr\u00e4ce"))),
                        "config.customHeaders[0].key"),
                // ports: overlapping external ranges, a port inside a declared range (either side)
                Arguments.of(configWith("portRanges", List.of(
                        new PortRange("r", new Range(1000, 1010), new Range(2000, 2010)),
                        new PortRange("s", new Range(3000, 3010), new Range(2010, 2020)))),
                        "config.portRanges[1].external"),
                Arguments.of(configWith("ports", List.of(new Port("p", 1005, null))).mergedWith(configWith("portRanges",
                        List.of(new PortRange("r", new Range(1000, 1010), null)))), "config.ports[0].internal"),
                Arguments.of(configWith("ports", List.of(new Port("p", 80, 2015))).mergedWith(configWith("portRanges",
                        List.of(new PortRange("r", new Range(1000, 1010), new Range(2000, 2020))))),
                        "config.ports[0].external"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badConfigs")
    void refusesWithThePreciseField(ContainerConfig patch, String field) {
        ContainerConfig merged = ContainerConfig.defaultFor("library/nginx").mergedWith(patch);

        ValidationException refused = catchThrowableOfType(ValidationException.class,
                () -> ConfigRules.validate(merged, "config"));

        assertThat(refused).as(field).isNotNull();
        assertThat(refused.field()).isEqualTo(field);
    }

    @Test
    void aCompleteValidConfigPasses() {
        ContainerConfig full = new ContainerConfig("exposeWithTls", "unlessStopped", "bridge", "rolling", "web",
                List.of(kv("PORT")), List.of(new UniqueSecretKey("s", "DB_PASSWORD", true)),
                new ContainerConfig.Routing("shop.example.com", "/api", true, "10m"), 1000, true,
                new ConfigContainer("busybox", "cfg", "/etc/app", true), List.of(new Port("p", 8080, 80)),
                List.of(new PortRange("r", new Range(9000, 9010), new Range(19000, 19010))),
                List.of(new Volume("v", "data", "/data", "1Gi", "rwo", "standard")), List.of(new UniqueKey("c", "sh -c x")),
                List.of(new UniqueKey("a", "--verbose")),
                List.of(new InitContainer("i", "migrate", "busybox", List.of(new UniqueKey("c", "run")), List.of(),
                        List.of(kv("X")), true, List.of(new ContainerConfig.VolumeLink("l", "data", "/data")))),
                List.of(), new Storage("3f9d7a10-0000-4000-8000-000000000009", "/backup", "bucket"),
                new ContainerConfig.LogConfig("json-file", List.of(kv("max-size"))), List.of(new UniqueKey("n", "front")),
                List.of(kv("com.example.tier")), List.of(new UniqueKey("h", "X-Trace")), true, false,
                List.of(kv("lb/type")), new ContainerConfig.HealthCheck(8080, "/live", "/ready", "/start"),
                new ContainerConfig.Resources(new ContainerConfig.ResourceLimit("500m", "256Mi"),
                        new ContainerConfig.ResourceLimit("100m", "64Mi")),
                new Markers(List.of(kv("a")), List.of(kv("b")), List.of(kv("c"))),
                new Markers(List.of(kv("a")), List.of(kv("b")), List.of(kv("c"))));

        assertThatCode(() -> ConfigRules.validate(full, "config")).doesNotThrowAnyException();
        assertThat(ConfigRules.privileged(full, UserBindPaths.NONE)).isFalse();
    }

    /** What Kubernetes accepts passes: prefixed keys, dots and underscores inside, empty label values. */
    @Test
    void kubernetesKeysAndLabelValuesKubernetesAcceptsPass() {
        List<UniqueKeyValue> labels = List.of(new UniqueKeyValue("a", "app.kubernetes.io/name", "shop_web-1.0"),
                new UniqueKeyValue("b", "example.com/" + "n".repeat(63), ""),
                new UniqueKeyValue("c", "a".repeat(63) + "." + "b".repeat(63) + "/x", "v".repeat(63)),
                new UniqueKeyValue("d", "Tier_2", null));
        List<UniqueKeyValue> annotations = List.of(new UniqueKeyValue("a", "nginx.ingress.kubernetes.io/rewrite-target",
                "/$2 with any text, even spaces"));
        assertThatCode(() -> ConfigRules.validate(ContainerConfig.defaultFor("x").mergedWith(configWith("labels",
                new Markers(labels, labels, labels))), "config")).doesNotThrowAnyException();
        assertThatCode(() -> ConfigRules.validate(ContainerConfig.defaultFor("x").mergedWith(configWith("annotations",
                new Markers(annotations, annotations, annotations))), "config")).doesNotThrowAnyException();
        assertThatCode(() -> ConfigRules.validate(ContainerConfig.defaultFor("x").mergedWith(configWith("environment",
                List.of(new UniqueKeyValue("e", "lower_case.dots-ok", "a=b=c")))), "config")).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"busybox", "busybox:1.36", "library/busybox",
            "127.0.0.1:5000/demo/busybox:1", "registry.example.com/a/b-c/d_e.f:v1.2-rc_3", "localhost/x",
            "ghcr.io/acme/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "gcr.io/p/app:1@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "a__b", "a---b"})
    void imageReferencesDockerAcceptsPass(String image) {
        assertThatCode(() -> ConfigRules.validate(ContainerConfig.defaultFor("x").mergedWith(configWith(
                "configContainer", new ConfigContainer(image, "cfg", "/c", false))), "config"))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0} {1}")
    @org.junit.jupiter.params.provider.CsvSource({"1, 1Gi", "0.5, 512Mi", "250m, 1G", "2.125, 1.5Gi", "1000m, 64k",
            "3, 1000000"})
    void quantitiesKubernetesAcceptsPass(String cpu, String memory) {
        ContainerConfig.ResourceLimit limit = new ContainerConfig.ResourceLimit(cpu, memory);
        assertThatCode(() -> ConfigRules.validate(ContainerConfig.defaultFor("x").mergedWith(configWith(
                "resourceConfig", new ContainerConfig.Resources(limit, limit))), "config")).doesNotThrowAnyException();
    }

    @Test
    void privilegedSettings() {
        assertThat(privileged(configWith("networkMode", "host"))).isTrue();
        assertThat(privileged(configWith("networkMode", "bridge"))).isFalse();
        assertThat(privileged(configWith("networks", List.of(new ContainerConfig.UniqueKey(null, "backend"),
                new ContainerConfig.UniqueKey(null, "host"))))).isTrue();
        assertThat(privileged(configWith("networks", List.of(new ContainerConfig.UniqueKey(null, "backend"))))).isFalse();
        assertThat(privileged(configWith("volumes", List.of(new Volume("v", "/", "/host", null, null,
                null))))).isTrue();
        assertThat(privileged(configWith("volumes", List.of(new Volume("v", "sock", "/run//docker.sock/",
                null, null, null))))).isTrue();
        assertThat(privileged(configWith("capabilities", List.of(kv("SYS_ADMIN"))))).isTrue();
        assertThat(privileged(configWith("capabilities", List.of()))).isFalse();
    }

    static boolean privileged(ContainerConfig patch) {
        return ConfigRules.privileged(patch, UserBindPaths.NONE);
    }

    static final UserBindPaths SRV = new UserBindPaths(List.of("/srv/", " /data/apps ", "", "/"));

    static Volume bind(String hostPath, String containerPath) {
        return new Volume("v", hostPath, containerPath, null, null, null);
    }

    /** Every absolute host path bind is privileged (admin only), whatever the path. */
    @ParameterizedTest(name = "{0} -> {1}")
    @org.junit.jupiter.params.provider.CsvSource({
            "/var/run, /host-run", "/run, /r", "/var, /v", "/var/run/, /x", "/var/./run, /x", "//run, /x",
            "/var/run/docker.sock, /var/run/docker.sock", "/, /host",
            "/proc, /host/proc", "/proc/1/root, /p", "/sys, /sys", "/sys/fs/cgroup, /c", "/etc, /host-etc",
            "/etc/shadow, /shadow", "/dev, /dev", "/dev/sda, /disk", "/boot, /boot", "/root, /r", "/root/.ssh, /ssh",
            "sock, /run//docker.sock/", "/var/lib/docker, /d", "/run/containerd/containerd.sock, /c.sock",
            "/usr, /usr", "/bin, /b", "/lib, /l", "/home, /h", "/home/ada, /home", "/var/lib/kubelet, /k",
            "/srv/app, /app", "/var/lib/app, /data", "/var/run-data, /d", "/runner, /r", "/opt/proc, /proc-copy"})
    void hostPathBindsArePrivileged(String hostPath, String containerPath) {
        assertThat(privileged(configWith("volumes", List.of(bind("data", "/ok"), bind(hostPath, containerPath)))))
                .isTrue();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @org.junit.jupiter.params.provider.CsvSource({
            "data, /data", "config, /etc/nginx", "data, /var/run", "tmp, /run", "cache, /var/lib/docker"})
    void namedVolumesAreNot(String name, String containerPath) {
        assertThat(privileged(configWith("volumes", List.of(bind(name, containerPath))))).isFalse();
    }

    /** wharf.project.config.user-bind-paths lets members bind under its prefixes, never the host's dangerous paths. */
    @ParameterizedTest(name = "{0} -> {1}")
    @org.junit.jupiter.params.provider.CsvSource({
            "/srv/app, false", "/srv, false", "/srv//app/./x, false", "/data/apps/shop, false", "/srvx, true",
            "/data/apps-other, true", "/data, true", "/var/lib/docker, true", "/var/run, true", "/etc, true",
            "/run/docker.sock, true", "/, true"})
    void theAllowListOpensOnlyItsPrefixes(String hostPath, boolean privileged) {
        assertThat(ConfigRules.privileged(configWith("volumes", List.of(bind(hostPath, "/x"))), SRV))
                .isEqualTo(privileged);
    }

    @Test
    void defaultConfigsAreValid() {
        for (String name : List.of("library/nginx", "acme/my_app", "a/b.c-d", "x".repeat(80))) {
            assertThatCode(() -> ConfigRules.validate(ContainerConfig.defaultFor(name), "config"))
                    .as(name).doesNotThrowAnyException();
        }
    }
}
