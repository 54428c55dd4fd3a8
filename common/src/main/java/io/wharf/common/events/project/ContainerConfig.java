package io.wharf.common.events.project;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collection;
import java.util.List;

/**
 * The container config of an image (seed 003, every field of the common, Docker and Kubernetes
 * sections), as image events carry it and as the API shows it. Field names and enum spellings are
 * dyrector's. A {@code null} field is "not set"; in a patch it is "keep what is there".
 * Key/value lists are {@code [{id, key, value}]}, key-only lists {@code [{id, key}]}.
 */
public record ContainerConfig(
        String expose,
        String restartPolicy,
        String networkMode,
        String deploymentStrategy,
        String name,
        List<UniqueKeyValue> environment,
        List<UniqueSecretKey> secrets,
        Routing routing,
        Integer user,
        Boolean tty,
        ConfigContainer configContainer,
        List<Port> ports,
        List<PortRange> portRanges,
        List<Volume> volumes,
        List<UniqueKey> commands,
        List<UniqueKey> args,
        List<InitContainer> initContainers,
        List<UniqueKeyValue> capabilities,
        Storage storage,
        LogConfig logConfig,
        List<UniqueKey> networks,
        List<UniqueKeyValue> dockerLabels,
        List<UniqueKey> customHeaders,
        Boolean proxyHeaders,
        Boolean useLoadBalancer,
        List<UniqueKeyValue> extraLBAnnotations,
        HealthCheck healthCheckConfig,
        Resources resourceConfig,
        Markers annotations,
        Markers labels) {

    /**
     * The names of the fields a patch can clear, in the record's order, and the Kubernetes marker
     * sub-lists ({@code labels.service}, ...).
     */
    public static final List<String> FIELDS = List.of("expose", "restartPolicy", "networkMode",
            "deploymentStrategy", "name", "environment", "secrets", "routing", "user", "tty", "configContainer",
            "ports", "portRanges", "volumes", "commands", "args", "initContainers", "capabilities", "storage",
            "logConfig", "networks", "dockerLabels", "customHeaders", "proxyHeaders", "useLoadBalancer",
            "extraLBAnnotations", "healthCheckConfig", "resourceConfig", "annotations", "labels",
            "annotations.service", "annotations.deployment", "annotations.ingress",
            "labels.service", "labels.deployment", "labels.ingress");

    public record UniqueKey(String id, String key) {
    }

    public record UniqueKeyValue(String id, String key, String value) {
    }

    public record UniqueSecretKey(String id, String key, Boolean required) {
    }

    public record Routing(String domain, String path, Boolean stripPath, String uploadLimit) {
    }

    public record ConfigContainer(String image, String volume, String path, Boolean keepFiles) {
    }

    public record Port(String id, Integer internal, Integer external) {
    }

    public record Range(Integer from, Integer to) {
    }

    public record PortRange(String id, Range internal, Range external) {
    }

    public record Volume(String id, String name, String path, String size, String type,
                         @JsonProperty("class") String volumeClass) {
    }

    public record VolumeLink(String id, String name, String path) {
    }

    public record InitContainer(String id, String name, String image, List<UniqueKey> command, List<UniqueKey> args,
                                List<UniqueKeyValue> environment, Boolean useParentConfig, List<VolumeLink> volumes) {
    }

    public record Storage(String storageId, String path, String bucket) {
    }

    public record LogConfig(String driver, List<UniqueKeyValue> options) {
    }

    public record HealthCheck(Integer port, String livenessProbe, String readinessProbe, String startupProbe) {
    }

    public record ResourceLimit(String cpu, String memory) {
    }

    public record Resources(ResourceLimit limits, ResourceLimit requests) {
    }

    /** Kubernetes labels or annotations per object; a patch replaces only the sub-lists it names. */
    public record Markers(List<UniqueKeyValue> service, List<UniqueKeyValue> deployment,
                          List<UniqueKeyValue> ingress) {

        public Markers mergedWith(Markers patch) {
            if (patch == null) {
                return this;
            }
            return new Markers(patch.service != null ? patch.service : service,
                    patch.deployment != null ? patch.deployment : deployment,
                    patch.ingress != null ? patch.ingress : ingress);
        }

        /** These markers without the sub-lists named in {@code cleared} ({@code service}, ...). */
        Markers without(Collection<String> cleared, String prefix) {
            return new Markers(cleared.contains(prefix + "service") ? null : service,
                    cleared.contains(prefix + "deployment") ? null : deployment,
                    cleared.contains(prefix + "ingress") ? null : ingress);
        }
    }

    /**
     * The default config of a new image (SPEC §3): {@code name} = last path segment of the image
     * name, {@code expose none}, {@code restartPolicy no}, {@code networkMode bridge},
     * {@code deploymentStrategy recreate}; dyrector's other defaults ({@code tty}, {@code proxyHeaders},
     * {@code useLoadBalancer} false, {@code user} -1 = "the image's user", reference §2.7; SPEC is
     * silent on the user) kept. The name is made a DNS label (lower case, other
     * characters turned into '-', at most 63), so every default config is a valid one.
     */
    public static ContainerConfig defaultFor(String imageName) {
        String name = imageName.substring(imageName.lastIndexOf('/') + 1).toLowerCase(java.util.Locale.ROOT)
                .replaceAll("[^a-z0-9-]", "-").replaceAll("^-+", "");
        if (name.length() > 63) {
            name = name.substring(0, 63);
        }
        name = name.replaceAll("-+$", "");
        if (name.isEmpty()) {
            name = "container";
        }
        return new ContainerConfig("none", "no", "bridge", "recreate", name, List.of(), List.of(), null, -1, false,
                null, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), null, null,
                List.of(), List.of(), List.of(), false, false, List.of(), null, null, null, null);
    }

    /**
     * This config with {@code patch} laid over it (SPEC §3): every field the patch sets replaces the
     * whole field; {@code labels} and {@code annotations} are merged per sub-list.
     */
    public ContainerConfig mergedWith(ContainerConfig patch) {
        if (patch == null) {
            return this;
        }
        return new ContainerConfig(
                or(patch.expose, expose), or(patch.restartPolicy, restartPolicy), or(patch.networkMode, networkMode),
                or(patch.deploymentStrategy, deploymentStrategy), or(patch.name, name),
                or(patch.environment, environment), or(patch.secrets, secrets), or(patch.routing, routing),
                or(patch.user, user), or(patch.tty, tty), or(patch.configContainer, configContainer),
                or(patch.ports, ports), or(patch.portRanges, portRanges), or(patch.volumes, volumes),
                or(patch.commands, commands), or(patch.args, args), or(patch.initContainers, initContainers),
                or(patch.capabilities, capabilities), or(patch.storage, storage), or(patch.logConfig, logConfig),
                or(patch.networks, networks), or(patch.dockerLabels, dockerLabels),
                or(patch.customHeaders, customHeaders), or(patch.proxyHeaders, proxyHeaders),
                or(patch.useLoadBalancer, useLoadBalancer), or(patch.extraLBAnnotations, extraLBAnnotations),
                or(patch.healthCheckConfig, healthCheckConfig), or(patch.resourceConfig, resourceConfig),
                annotations == null ? patch.annotations : annotations.mergedWith(patch.annotations),
                labels == null ? patch.labels : labels.mergedWith(patch.labels));
    }

    /**
     * This config with the {@code cleared} fields ({@link #FIELDS}) set back to their value in
     * {@code defaults} (a new image's default config: null for objects and the user, [] for lists,
     * false for flags, the SPEC §3 defaults for expose, restart policy, network mode, strategy and
     * name); a cleared marker sub-list ({@code labels.service}) becomes null.
     */
    public ContainerConfig cleared(Collection<String> cleared, ContainerConfig defaults) {
        if (cleared == null || cleared.isEmpty()) {
            return this;
        }
        Markers a = cleared.contains("annotations") ? defaults.annotations
                : annotations == null ? null : annotations.without(cleared, "annotations.");
        Markers l = cleared.contains("labels") ? defaults.labels
                : labels == null ? null : labels.without(cleared, "labels.");
        return new ContainerConfig(
                pick(cleared, "expose", defaults.expose, expose),
                pick(cleared, "restartPolicy", defaults.restartPolicy, restartPolicy),
                pick(cleared, "networkMode", defaults.networkMode, networkMode),
                pick(cleared, "deploymentStrategy", defaults.deploymentStrategy, deploymentStrategy),
                pick(cleared, "name", defaults.name, name),
                pick(cleared, "environment", defaults.environment, environment),
                pick(cleared, "secrets", defaults.secrets, secrets),
                pick(cleared, "routing", defaults.routing, routing),
                pick(cleared, "user", defaults.user, user),
                pick(cleared, "tty", defaults.tty, tty),
                pick(cleared, "configContainer", defaults.configContainer, configContainer),
                pick(cleared, "ports", defaults.ports, ports),
                pick(cleared, "portRanges", defaults.portRanges, portRanges),
                pick(cleared, "volumes", defaults.volumes, volumes),
                pick(cleared, "commands", defaults.commands, commands),
                pick(cleared, "args", defaults.args, args),
                pick(cleared, "initContainers", defaults.initContainers, initContainers),
                pick(cleared, "capabilities", defaults.capabilities, capabilities),
                pick(cleared, "storage", defaults.storage, storage),
                pick(cleared, "logConfig", defaults.logConfig, logConfig),
                pick(cleared, "networks", defaults.networks, networks),
                pick(cleared, "dockerLabels", defaults.dockerLabels, dockerLabels),
                pick(cleared, "customHeaders", defaults.customHeaders, customHeaders),
                pick(cleared, "proxyHeaders", defaults.proxyHeaders, proxyHeaders),
                pick(cleared, "useLoadBalancer", defaults.useLoadBalancer, useLoadBalancer),
                pick(cleared, "extraLBAnnotations", defaults.extraLBAnnotations, extraLBAnnotations),
                pick(cleared, "healthCheckConfig", defaults.healthCheckConfig, healthCheckConfig),
                pick(cleared, "resourceConfig", defaults.resourceConfig, resourceConfig),
                a, l);
    }

    private static <T> T pick(Collection<String> cleared, String field, T defaultValue, T current) {
        return cleared.contains(field) ? defaultValue : current;
    }

    private static <T> T or(T patched, T current) {
        return patched != null ? patched : current;
    }
}
