package io.wharf.project.project.command;

import io.wharf.common.error.ValidationException;
import io.wharf.common.events.project.ContainerConfig;
import io.wharf.common.events.project.ContainerConfig.InitContainer;
import io.wharf.common.events.project.ContainerConfig.Port;
import io.wharf.common.events.project.ContainerConfig.PortRange;
import io.wharf.common.events.project.ContainerConfig.Range;
import io.wharf.common.events.project.ContainerConfig.UniqueKey;
import io.wharf.common.events.project.ContainerConfig.UniqueKeyValue;
import io.wharf.common.events.project.ContainerConfig.UniqueSecretKey;
import io.wharf.common.events.project.ContainerConfig.Volume;
import io.wharf.common.events.project.ContainerConfig.VolumeLink;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The validation of a container config (SPEC §3 and issue 4's bad-input list), each refusal a 400
 * with the precise {@code field} (e.g. {@code config.ports[2].internal}). Applied to the config an
 * image would have after a patch, so a refused patch stores nothing. Also: which settings are
 * privileged (SPEC §1.4: admin only), and the ids of list items (given ones kept, missing ones made).
 */
final class ConfigRules {

    static final int MAX_LIST = 512;
    static final int MAX_TEXT = 4096;
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile(
            "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");
    private static final Pattern QUALIFIED_NAME = Pattern.compile("^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$");
    private static final Pattern LABEL_VALUE = Pattern.compile("^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$");
    private static final Pattern DNS_LABEL = Pattern.compile("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$");
    /** List-item ids: what clients send back from a GET (UUIDs here), at most 64 visible characters. */
    static final int MAX_ID = 64;
    private static final Pattern ID = Pattern.compile("^[\\x21-\\x7e]{1," + MAX_ID + "}$");
    /** A DNS hostname (RFC 1123): dot-separated labels of letters, digits and inner '-', at most 253. */
    private static final Pattern HOSTNAME = Pattern.compile(
            "^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$");
    /**
     * An image reference as Docker parses it: {@code [host[:port]/]path[:tag][@digest]}, path
     * components lower case ({@code [a-z0-9]} joined by '.', '_', '__' or dashes), tag
     * {@code [\w][\w.-]{0,127}}, digest {@code algorithm:hex}.
     */
    private static final Pattern IMAGE_REF = Pattern.compile("^(?:(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
            + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\\[[0-9A-Fa-f:]+\\])(?::[0-9]{1,5})?/)?"
            + "[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*)*"
            + "(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$");
    /** Kubernetes CPU: whole or decimal cores ({@code 1}, {@code 0.5}, at most 3 decimals) or millicores ({@code 500m}). */
    private static final Pattern CPU = Pattern.compile("^(?:[0-9]{1,6}(?:\\.[0-9]{1,3})?|[0-9]{1,9}m)$");
    /**
     * Kubernetes memory and storage sizes: a whole or decimal number with an optional binary
     * ({@code Ki Mi Gi Ti Pi Ei}) or decimal ({@code k M G T P E}) suffix ({@code 256Mi}, {@code 1G}).
     */
    private static final Pattern BYTES = Pattern.compile("^[0-9]{1,15}(?:\\.[0-9]{1,6})?(?:[KMGTPE]i|[kMGTPE])?$");
    /** An ingress upload limit as nginx takes it ({@code client_max_body_size}): a number with k, m or g. */
    private static final Pattern UPLOAD_LIMIT = Pattern.compile("^[0-9]{1,9}[kKmMgG]?$");
    /** An HTTP header name (RFC 9110 token). */
    private static final Pattern HEADER_NAME = Pattern.compile("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$");
    private static final Set<String> EXPOSE = Set.of("none", "expose", "exposeWithTls");
    private static final Set<String> RESTART = Set.of("always", "unlessStopped", "no", "onFailure");
    private static final Set<String> NETWORK = Set.of("none", "host", "bridge");
    private static final Set<String> STRATEGY = Set.of("recreate", "rolling");
    private static final Set<String> VOLUME_TYPES = Set.of("ro", "rwo", "rwx", "mem", "tmp");
    private static final Set<String> LOG_DRIVERS = Set.of("nodeDefault", "none", "gcplogs", "local", "json-file",
            "syslog", "journald", "gelf", "fluentd", "awslogs", "splunk", "etwlogs", "logentries");
    /** Paths whose bind gives a container the machine (as volume name or path): the root and the Docker socket. */
    private static final Set<String> PRIVILEGED_BINDS = Set.of("/", "/var/run/docker.sock", "/run/docker.sock");
    /** Host directories holding the Docker socket: binding one hands the socket over just the same. */
    private static final Set<String> SOCKET_DIRECTORIES = Set.of("/var", "/var/run", "/run");
    /** Host trees whose bind (of the tree or anything in it) exposes the host's kernel, devices or secrets. */
    private static final List<String> PRIVILEGED_HOST_TREES = List.of("/proc", "/sys", "/etc", "/dev", "/boot", "/root");

    private ConfigRules() {
    }

    /** Refuses the first rule {@code config} breaks; {@code at} is the field prefix ({@code config}). */
    static void validate(ContainerConfig config, String at) {
        listIds(config, at);
        oneOf(config.expose(), EXPOSE, at + ".expose");
        oneOf(config.restartPolicy(), RESTART, at + ".restartPolicy");
        oneOf(config.networkMode(), NETWORK, at + ".networkMode");
        oneOf(config.deploymentStrategy(), STRATEGY, at + ".deploymentStrategy");
        if (config.name() != null) {
            dnsLabel(config.name(), at + ".name");
        }
        environment(config.environment(), at + ".environment");
        secrets(config.secrets(), at + ".secrets");
        if (config.routing() != null) {
            matches(config.routing().domain(), HOSTNAME, at + ".routing.domain",
                    "A hostname: labels of letters, digits and inner '-', separated by dots.");
            path(config.routing().path(), at + ".routing.path");
            matches(config.routing().uploadLimit(), UPLOAD_LIMIT, at + ".routing.uploadLimit",
                    "A size as nginx takes it: digits with an optional k, m or g (e.g. 10m).");
        }
        if (config.user() != null && config.user() < -1) {
            throw invalid(at + ".user", "The user must be a user id (0 or more), or -1 for the image's user.");
        }
        if (config.configContainer() != null) {
            var c = config.configContainer();
            required(c.image(), at + ".configContainer.image");
            imageRef(c.image(), at + ".configContainer.image");
            required(c.volume(), at + ".configContainer.volume");
            required(c.path(), at + ".configContainer.path");
            path(c.path(), at + ".configContainer.path");
        }
        ports(config.ports(), config.portRanges(), at);
        volumes(config.volumes(), at + ".volumes");
        keys(config.commands(), at + ".commands", false);
        keys(config.args(), at + ".args", false);
        initContainers(config.initContainers(), at + ".initContainers");
        keyValues(config.capabilities(), at + ".capabilities");
        if (config.storage() != null) {
            var s = config.storage();
            required(s.storageId(), at + ".storage.storageId");
            uuid(s.storageId(), at + ".storage.storageId");
            required(s.bucket(), at + ".storage.bucket");
            required(s.path(), at + ".storage.path");
            path(s.path(), at + ".storage.path");
            text(s.bucket(), at + ".storage.bucket");
        }
        if (config.logConfig() != null) {
            oneOf(config.logConfig().driver(), LOG_DRIVERS, at + ".logConfig.driver");
            keyValues(config.logConfig().options(), at + ".logConfig.options");
        }
        keys(config.networks(), at + ".networks", true);
        keyValues(config.dockerLabels(), at + ".dockerLabels");
        keys(config.customHeaders(), at + ".customHeaders", true);
        if (config.customHeaders() != null) {
            for (int i = 0; i < config.customHeaders().size(); i++) {
                matches(config.customHeaders().get(i).key(), HEADER_NAME, at + ".customHeaders[" + i + "].key",
                        "An HTTP header name: letters, digits and !#$%&'*+.^_`|~-.");
            }
        }
        kubernetes(config.extraLBAnnotations(), at + ".extraLBAnnotations", false);
        if (config.healthCheckConfig() != null) {
            var h = config.healthCheckConfig();
            if (h.port() != null) {
                port(h.port(), at + ".healthCheckConfig.port");
            }
            path(h.livenessProbe(), at + ".healthCheckConfig.livenessProbe");
            path(h.readinessProbe(), at + ".healthCheckConfig.readinessProbe");
            path(h.startupProbe(), at + ".healthCheckConfig.startupProbe");
        }
        if (config.resourceConfig() != null) {
            var r = config.resourceConfig();
            for (var limit : new Object[][] {{r.limits(), ".limits"}, {r.requests(), ".requests"}}) {
                if (limit[0] instanceof ContainerConfig.ResourceLimit l) {
                    String field = at + ".resourceConfig" + limit[1];
                    matches(l.cpu(), CPU, field + ".cpu", "Cores (1, 0.5) or millicores (500m).");
                    matches(l.memory(), BYTES, field + ".memory",
                            "Bytes with an optional suffix: Ki, Mi, Gi, Ti, Pi, Ei or k, M, G, T, P, E (e.g. 256Mi).");
                }
            }
        }
        markers(config.annotations(), at + ".annotations", false);
        markers(config.labels(), at + ".labels", true);
    }

    /**
     * Whether {@code patch} sets a privileged setting (SPEC §1.4): network mode {@code host}, the
     * network {@code host} in {@code networks}, capabilities, or a volume binding a host path: every
     * absolute volume name is a host path bind, privileged unless {@code userBinds} allows it; the
     * Docker socket as the container path is privileged too. Some binds stay privileged whatever
     * {@code userBinds} says: {@code /}, the Docker socket and the directories holding it
     * ({@code /var}, {@code /var/run}, {@code /run}), anything in or under {@code /proc}, {@code /sys},
     * {@code /etc}, {@code /dev}, {@code /boot}, {@code /root}. Named volumes mounted at container
     * paths like /run or /etc/nginx are unprivileged.
     */
    static boolean privileged(ContainerConfig patch, UserBindPaths userBinds) {
        if (patch == null) {
            return false;
        }
        if ("host".equals(patch.networkMode())) {
            return true;
        }
        if (patch.networks() != null && patch.networks().stream()
                .anyMatch(n -> n != null && n.key() != null && "host".equalsIgnoreCase(n.key().trim()))) {
            return true;
        }
        if (patch.capabilities() != null && !patch.capabilities().isEmpty()) {
            return true;
        }
        return patch.volumes() != null && patch.volumes().stream().anyMatch(v -> v != null
                && (PRIVILEGED_BINDS.contains(normalised(v.path())) || privilegedBind(normalised(v.name()), userBinds)));
    }

    private static boolean privilegedBind(String hostPath, UserBindPaths userBinds) {
        if (hostPath == null || !hostPath.startsWith("/")) {
            return false;
        }
        if (PRIVILEGED_BINDS.contains(hostPath) || SOCKET_DIRECTORIES.contains(hostPath) || privilegedHostTree(hostPath)) {
            return true;
        }
        return !userBinds.allows(hostPath);
    }

    private static boolean privilegedHostTree(String hostPath) {
        return hostPath != null && PRIVILEGED_HOST_TREES.stream()
                .anyMatch(tree -> hostPath.equals(tree) || hostPath.startsWith(tree + "/"));
    }

    /** {@code path} without repeated, trailing and {@code .} segments ({@code ..} is refused by validation). */
    static String normalised(String path) {
        if (path == null) {
            return null;
        }
        String p = path.trim();
        if (!p.startsWith("/")) {
            return p;
        }
        StringBuilder out = new StringBuilder();
        for (String segment : p.split("/")) {
            if (!segment.isEmpty() && !segment.equals(".")) {
                out.append('/').append(segment);
            }
        }
        return out.isEmpty() ? "/" : out.toString();
    }

    /** The cleared field names of a patch: each a field of {@link ContainerConfig#FIELDS}, each once. */
    static List<String> clearable(List<String> cleared, String at) {
        if (cleared == null) {
            return List.of();
        }
        for (String field : cleared) {
            if (!ContainerConfig.FIELDS.contains(field)) {
                throw new ValidationException("Unknown config field.", at + "." + field, null);
            }
        }
        return List.copyOf(new java.util.LinkedHashSet<>(cleared));
    }

    /** The config with an id on every list item that has none (ids the client gave are kept). */
    static ContainerConfig withIds(ContainerConfig c) {
        if (c == null) {
            return null;
        }
        return new ContainerConfig(c.expose(), c.restartPolicy(), c.networkMode(), c.deploymentStrategy(), c.name(),
                kv(c.environment()),
                map(c.secrets(), s -> new UniqueSecretKey(id(s.id()), s.key(), s.required() != null && s.required())),
                c.routing(), c.user(), c.tty(), c.configContainer(),
                map(c.ports(), p -> new Port(id(p.id()), p.internal(), p.external())),
                map(c.portRanges(), p -> new PortRange(id(p.id()), p.internal(), p.external())),
                map(c.volumes(), v -> new Volume(id(v.id()), v.name(), v.path(), v.size(), v.type(), v.volumeClass())),
                k(c.commands()), k(c.args()),
                map(c.initContainers(), i -> new InitContainer(id(i.id()), i.name(), i.image(), k(i.command()),
                        k(i.args()), kv(i.environment()), i.useParentConfig(),
                        map(i.volumes(), v -> new VolumeLink(id(v.id()), v.name(), v.path())))),
                kv(c.capabilities()), c.storage(),
                c.logConfig() == null ? null
                        : new ContainerConfig.LogConfig(c.logConfig().driver(), kv(c.logConfig().options())),
                k(c.networks()), kv(c.dockerLabels()), k(c.customHeaders()), c.proxyHeaders(), c.useLoadBalancer(),
                kv(c.extraLBAnnotations()), c.healthCheckConfig(), c.resourceConfig(), markers(c.annotations()),
                markers(c.labels()));
    }

    private static ContainerConfig.Markers markers(ContainerConfig.Markers m) {
        return m == null ? null : new ContainerConfig.Markers(kv(m.service()), kv(m.deployment()), kv(m.ingress()));
    }

    private static List<UniqueKeyValue> kv(List<UniqueKeyValue> list) {
        return map(list, e -> new UniqueKeyValue(id(e.id()), e.key(), e.value()));
    }

    private static List<UniqueKey> k(List<UniqueKey> list) {
        return map(list, e -> new UniqueKey(id(e.id()), e.key()));
    }

    private static <T> List<T> map(List<T> list, Function<T, T> f) {
        if (list == null) {
            return null;
        }
        List<T> out = new ArrayList<>(list.size());
        for (T item : list) {
            out.add(item == null ? null : f.apply(item));
        }
        return out;
    }

    private static String id(String given) {
        return given == null || given.isBlank() ? UUID.randomUUID().toString() : given;
    }

    // --- rules ------------------------------------------------------------------------------------

    /** Every list's item ids: at most {@link #MAX_ID} visible characters, unique within their list. */
    private static void listIds(ContainerConfig c, String at) {
        ids(c.environment(), UniqueKeyValue::id, at + ".environment");
        ids(c.secrets(), UniqueSecretKey::id, at + ".secrets");
        ids(c.ports(), Port::id, at + ".ports");
        ids(c.portRanges(), PortRange::id, at + ".portRanges");
        ids(c.volumes(), Volume::id, at + ".volumes");
        ids(c.commands(), UniqueKey::id, at + ".commands");
        ids(c.args(), UniqueKey::id, at + ".args");
        ids(c.initContainers(), InitContainer::id, at + ".initContainers");
        ids(c.capabilities(), UniqueKeyValue::id, at + ".capabilities");
        if (c.logConfig() != null) {
            ids(c.logConfig().options(), UniqueKeyValue::id, at + ".logConfig.options");
        }
        ids(c.networks(), UniqueKey::id, at + ".networks");
        ids(c.dockerLabels(), UniqueKeyValue::id, at + ".dockerLabels");
        ids(c.customHeaders(), UniqueKey::id, at + ".customHeaders");
        ids(c.extraLBAnnotations(), UniqueKeyValue::id, at + ".extraLBAnnotations");
        for (var markers : new Object[][] {{c.annotations(), ".annotations"}, {c.labels(), ".labels"}}) {
            if (markers[0] instanceof ContainerConfig.Markers m) {
                ids(m.service(), UniqueKeyValue::id, at + markers[1] + ".service");
                ids(m.deployment(), UniqueKeyValue::id, at + markers[1] + ".deployment");
                ids(m.ingress(), UniqueKeyValue::id, at + markers[1] + ".ingress");
            }
        }
    }

    private static <T> void ids(List<T> list, Function<T, String> id, String at) {
        size(list, at); // an over-long list, or a null item, is refused as such first
        if (list == null) {
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String value = id.apply(list.get(i));
            if (value == null) {
                continue; // made by withIds before validation
            }
            String field = at + "[" + i + "].id";
            if (!ID.matcher(value).matches()) {
                throw new ValidationException("An id is 1 to " + MAX_ID + " visible characters.", field, null);
            }
            if (!seen.add(value)) {
                throw new ValidationException("Duplicate id '" + value + "'.", field, "Ids are unique in a list.");
            }
        }
    }

    private static void matches(String value, Pattern pattern, String field, String hint) {
        if (value != null && !pattern.matcher(value).matches()) {
            throw new ValidationException("Invalid format.", field, hint);
        }
    }

    private static void imageRef(String value, String field) {
        if (value != null && (value.length() > 255 + 1 + 128 + 1 + 80 || !IMAGE_REF.matcher(value).matches())) {
            throw new ValidationException("Not an image reference.", field,
                    "[registry[:port]/]name[:tag][@digest], the name in lower case (e.g. busybox:1.36).");
        }
    }

    private static ValidationException invalid(String field, String message) {
        return new ValidationException(message, field, null);
    }

    private static void oneOf(String value, Set<String> allowed, String field) {
        if (value != null && !allowed.contains(value)) {
            throw new ValidationException("Unknown value.", field, "One of " + String.join(", ", allowed.stream()
                    .sorted().toList()) + ".");
        }
    }

    private static void dnsLabel(String name, String field) {
        if (!DNS_LABEL.matcher(name).matches()) {
            throw new ValidationException("Not a DNS label.", field,
                    "1 to 63 characters of a-z, 0-9 and '-', starting and ending with a letter or digit.");
        }
    }

    private static void required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw invalid(field, "This field is required.");
        }
        text(value, field);
    }

    private static void text(String value, String field) {
        if (value != null && value.length() > MAX_TEXT) {
            throw invalid(field, "At most " + MAX_TEXT + " characters.");
        }
    }

    private static void uuid(String value, String field) {
        try {
            UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw invalid(field, "Not a UUID.");
        }
    }

    private static void path(String value, String field) {
        text(value, field);
        if (value != null && (value.contains("../") || value.contains("..\\") || value.endsWith("/..")
                || value.equals(".."))) {
            throw new ValidationException("Paths must not climb out with '..'.", field, null);
        }
    }

    private static void port(Integer port, String field) {
        if (port == null || port < 1 || port > 65535) {
            throw new ValidationException("A port is 1 to 65535.", field, null);
        }
    }

    private static void size(List<?> list, String field) {
        if (list != null && list.size() > MAX_LIST) {
            throw new ValidationException("At most " + MAX_LIST + " items.", field, null);
        }
        if (list != null) {
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) == null) {
                    throw new ValidationException("Items must not be null.", field + "[" + i + "]", null);
                }
            }
        }
    }

    /** A key: non-empty, no whitespace, not {@code $}-prefixed, unique in its list. */
    private static void key(String key, String field, Set<String> seen) {
        if (key == null || key.isEmpty()) {
            throw invalid(field, "A key must not be empty.");
        }
        if (key.chars().anyMatch(Character::isWhitespace)) {
            throw invalid(field, "A key must not contain whitespace.");
        }
        if (key.startsWith("$")) {
            throw invalid(field, "A key must not start with '$'.");
        }
        text(key, field);
        if (!seen.add(key)) {
            throw new ValidationException("Duplicate key '" + key + "'.", field, "Keys are unique in a list.");
        }
    }

    private static void keyValues(List<UniqueKeyValue> list, String at) {
        size(list, at);
        if (list == null) {
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            key(list.get(i).key(), at + "[" + i + "].key", seen);
            text(list.get(i).value(), at + "[" + i + "].value");
        }
    }

    private static void secrets(List<UniqueSecretKey> list, String at) {
        size(list, at);
        if (list == null) {
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            key(list.get(i).key(), at + "[" + i + "].key", seen);
            variableName(list.get(i).key(), at + "[" + i + "].key");
        }
    }

    /** Environment variables: keys as {@link #key}, and names a process environment can hold. */
    private static void environment(List<UniqueKeyValue> list, String at) {
        keyValues(list, at);
        if (list != null) {
            for (int i = 0; i < list.size(); i++) {
                variableName(list.get(i).key(), at + "[" + i + "].key");
            }
        }
    }

    /**
     * An environment variable (or secret, which becomes one) is {@code NAME=value} to the runtime:
     * an {@code =} in the name would move the split, a control character (NUL, newline) cut or
     * forge entries.
     */
    private static void variableName(String key, String field) {
        if (key.indexOf('=') >= 0) {
            throw invalid(field, "An environment variable name must not contain '='.");
        }
        if (key.chars().anyMatch(Character::isISOControl)) {
            throw invalid(field, "An environment variable name must not contain control characters.");
        }
    }

    /**
     * Kubernetes annotations or labels: keys are qualified names ({@code [prefix/]name}: name 1-63
     * alphanumerics with {@code -_.} inside, prefix a DNS subdomain of at most 253); label values are
     * empty or 1-63 alphanumerics with {@code -_.} inside. Kubernetes refuses anything else at deploy
     * time, long after the config was accepted.
     */
    private static void kubernetes(List<UniqueKeyValue> list, String at, boolean labels) {
        keyValues(list, at);
        if (list == null) {
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            String key = list.get(i).key();
            String field = at + "[" + i + "]";
            int slash = key.indexOf('/');
            String prefix = slash < 0 ? null : key.substring(0, slash);
            String name = slash < 0 ? key : key.substring(slash + 1);
            if (prefix != null && (prefix.length() > 253 || !DNS_SUBDOMAIN.matcher(prefix).matches())) {
                throw invalid(field + ".key", "The prefix of a Kubernetes key is a DNS subdomain of at most 253 "
                        + "characters (lower-case labels separated by dots), e.g. example.com/name.");
            }
            if (name.length() > 63 || !QUALIFIED_NAME.matcher(name).matches()) {
                throw invalid(field + ".key", "The name of a Kubernetes key has 1 to 63 letters or digits, "
                        + "with - _ . inside.");
            }
            String value = list.get(i).value();
            if (labels && value != null && (value.length() > 63 || !LABEL_VALUE.matcher(value).matches())) {
                throw invalid(field + ".value", "A Kubernetes label value is empty or 1 to 63 letters or digits, "
                        + "with - _ . inside.");
            }
        }
    }

    /**
     * Key-only lists: commands and args are free text (may repeat, may contain spaces, must not be
     * empty); networks and headers are keys (no whitespace, unique).
     */
    private static void keys(List<UniqueKey> list, String at, boolean strict) {
        size(list, at);
        if (list == null) {
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String field = at + "[" + i + "].key";
            if (strict) {
                key(list.get(i).key(), field, seen);
            } else if (list.get(i).key() == null || list.get(i).key().isEmpty()) {
                throw invalid(field, "Must not be empty.");
            } else {
                text(list.get(i).key(), field);
            }
        }
    }

    private static void markers(ContainerConfig.Markers markers, String at, boolean labels) {
        if (markers != null) {
            kubernetes(markers.service(), at + ".service", labels);
            kubernetes(markers.deployment(), at + ".deployment", labels);
            kubernetes(markers.ingress(), at + ".ingress", labels);
        }
    }

    private static void volumes(List<Volume> list, String at) {
        size(list, at);
        if (list == null) {
            return;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            Volume v = list.get(i);
            String field = at + "[" + i + "]";
            required(v.name(), field + ".name");
            if (!names.add(v.name())) {
                throw new ValidationException("Duplicate volume name.", field + ".name", null);
            }
            required(v.path(), field + ".path");
            path(v.name(), field + ".name");
            path(v.path(), field + ".path");
            oneOf(v.type(), VOLUME_TYPES, field + ".type");
            matches(v.size(), BYTES, field + ".size",
                    "Bytes with an optional suffix: Ki, Mi, Gi, Ti, Pi, Ei or k, M, G, T, P, E (e.g. 1Gi).");
            text(v.volumeClass(), field + ".class");
        }
    }

    private static void initContainers(List<InitContainer> list, String at) {
        size(list, at);
        if (list == null) {
            return;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            InitContainer c = list.get(i);
            String field = at + "[" + i + "]";
            required(c.name(), field + ".name");
            dnsLabel(c.name(), field + ".name");
            if (!names.add(c.name())) {
                throw new ValidationException("Duplicate init container name.", field + ".name", null);
            }
            required(c.image(), field + ".image");
            imageRef(c.image(), field + ".image");
            ids(c.command(), UniqueKey::id, field + ".command");
            ids(c.args(), UniqueKey::id, field + ".args");
            ids(c.environment(), UniqueKeyValue::id, field + ".environment");
            ids(c.volumes(), VolumeLink::id, field + ".volumes");
            keys(c.command(), field + ".command", false);
            keys(c.args(), field + ".args", false);
            environment(c.environment(), field + ".environment");
            size(c.volumes(), field + ".volumes");
            if (c.volumes() != null) {
                for (int j = 0; j < c.volumes().size(); j++) {
                    required(c.volumes().get(j).name(), field + ".volumes[" + j + "].name");
                    required(c.volumes().get(j).path(), field + ".volumes[" + j + "].path");
                    path(c.volumes().get(j).path(), field + ".volumes[" + j + "].path");
                }
            }
        }
    }

    /**
     * Ports 1–65535; ranges ordered; no internal (or external) port inside a declared range and no two
     * ranges overlapping on the same side; a port or range declared once per side.
     */
    private static void ports(List<Port> ports, List<PortRange> ranges, String at) {
        size(ports, at + ".ports");
        size(ranges, at + ".portRanges");
        List<int[]> internalRanges = new ArrayList<>();
        List<int[]> externalRanges = new ArrayList<>();
        if (ranges != null) {
            for (int i = 0; i < ranges.size(); i++) {
                String field = at + ".portRanges[" + i + "]";
                int[] in = range(ranges.get(i).internal(), field + ".internal");
                overlapping(in, internalRanges, field + ".internal");
                internalRanges.add(in);
                if (ranges.get(i).external() != null) {
                    int[] ex = range(ranges.get(i).external(), field + ".external");
                    overlapping(ex, externalRanges, field + ".external");
                    externalRanges.add(ex);
                }
            }
        }
        if (ports != null) {
            Set<Integer> internal = new HashSet<>();
            Set<Integer> external = new HashSet<>();
            for (int i = 0; i < ports.size(); i++) {
                String field = at + ".ports[" + i + "]";
                Port p = ports.get(i);
                port(p.internal(), field + ".internal");
                if (!internal.add(p.internal())) {
                    throw new ValidationException("Duplicate internal port.", field + ".internal", null);
                }
                overlapping(new int[] {p.internal(), p.internal()}, internalRanges, field + ".internal");
                if (p.external() != null) {
                    port(p.external(), field + ".external");
                    if (!external.add(p.external())) {
                        throw new ValidationException("Duplicate external port.", field + ".external", null);
                    }
                    overlapping(new int[] {p.external(), p.external()}, externalRanges, field + ".external");
                }
            }
        }
    }

    private static int[] range(Range range, String field) {
        if (range == null) {
            throw invalid(field, "A port range needs from and to.");
        }
        port(range.from(), field + ".from");
        port(range.to(), field + ".to");
        if (range.from() > range.to()) {
            throw new ValidationException("A range starts before it ends.", field + ".to", null);
        }
        return new int[] {range.from(), range.to()};
    }

    private static void overlapping(int[] candidate, List<int[]> declared, String field) {
        for (int[] r : declared) {
            if (candidate[0] <= r[1] && r[0] <= candidate[1]) {
                throw new ValidationException("Overlaps the port range " + r[0] + "-" + r[1] + ".", field, null);
            }
        }
    }
}
