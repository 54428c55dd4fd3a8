package io.wharf.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What to start and where. Build it with {@link #builder()}; everything has a default that matches
 * {@code ./wharf up} (repository found from the working directory, data in {@code <repo>/data},
 * the ports of docs/conventions.md).
 */
public final class StackConfig {

    private final Path repoRoot;
    private final Path dataDir;
    private final PortPlan ports;
    private final Map<String, Integer> replicas;
    private final List<String> services;
    private final boolean gateway;
    private final Duration healthTimeout;
    private final String javaCommand;
    private final boolean allowPrivateTargets;
    private final Map<String, List<String>> extraArgs;
    private final Consumer<String> output;

    private StackConfig(Builder b) {
        this.repoRoot = (b.repoRoot != null ? b.repoRoot : RepositoryRoot.locate()).toAbsolutePath().normalize();
        this.dataDir = (b.dataDir != null ? b.dataDir : repoRoot.resolve("data")).toAbsolutePath().normalize();
        this.ports = b.ports != null ? b.ports : PortPlan.defaults();
        this.services = List.copyOf(b.services);
        this.replicas = Map.copyOf(b.replicas);
        this.gateway = b.gateway;
        this.healthTimeout = b.healthTimeout;
        this.javaCommand = b.javaCommand != null ? b.javaCommand
                : Path.of(System.getProperty("java.home"), "bin", "java").toString();
        this.allowPrivateTargets = b.allowPrivateTargets;
        Map<String, List<String>> extra = new LinkedHashMap<>();
        b.extraArgs.forEach((k, v) -> extra.put(k, List.copyOf(v)));
        this.extraArgs = Map.copyOf(extra);
        this.output = b.output;
        for (String service : replicas.keySet()) {
            if (!services.contains(service)) {
                throw new IllegalArgumentException("cannot scale " + service + ": it is not started");
            }
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Parses {@code identity-service=2,project=3} (also the value of WHARF_SCALE and of each
     * {@code --scale}); short names without {@code -service} are accepted.
     */
    public static Map<String, Integer> parseScale(String spec) {
        Map<String, Integer> result = new LinkedHashMap<>();
        if (spec == null || spec.isBlank()) {
            return result;
        }
        for (String item : spec.split("[,\\s]+")) {
            if (item.isBlank()) {
                continue;
            }
            int eq = item.indexOf('=');
            if (eq <= 0 || eq == item.length() - 1) {
                throw new IllegalArgumentException("scale must look like <service>=<replicas>: '" + item + "'");
            }
            String service = Services.canonical(item.substring(0, eq));
            int n;
            try {
                n = Integer.parseInt(item.substring(eq + 1).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("replicas must be a number: '" + item + "'");
            }
            if (n < 1 || n > PortPlan.MAX_REPLICAS) {
                throw new IllegalArgumentException("replicas must be 1.." + PortPlan.MAX_REPLICAS + ": '" + item + "'");
            }
            result.put(service, n);
        }
        return result;
    }

    public Path repoRoot() {
        return repoRoot;
    }

    public Path dataDir() {
        return dataDir;
    }

    public PortPlan ports() {
        return ports;
    }

    public List<String> services() {
        return services;
    }

    public int replicas(String service) {
        return replicas.getOrDefault(service, 1);
    }

    public Map<String, Integer> replicas() {
        return replicas;
    }

    public boolean gateway() {
        return gateway;
    }

    public Duration healthTimeout() {
        return healthTimeout;
    }

    public String javaCommand() {
        return javaCommand;
    }

    public boolean allowPrivateTargets() {
        return allowPrivateTargets;
    }

    /** Extra command-line arguments of a part ({@code "*"} = every service and the gateway). */
    public List<String> extraArgs(String part) {
        List<String> all = new ArrayList<>(extraArgs.getOrDefault("*", List.of()));
        all.addAll(extraArgs.getOrDefault(part, List.of()));
        return all;
    }

    public Consumer<String> output() {
        return output;
    }

    public Path logDir() {
        return dataDir.resolve("logs");
    }

    public Path runDir() {
        return dataDir.resolve("run");
    }

    public static final class Builder {
        private Path repoRoot;
        private Path dataDir;
        private PortPlan ports;
        private final Map<String, Integer> replicas = new LinkedHashMap<>();
        private List<String> services = Services.ALL;
        private boolean gateway = true;
        private Duration healthTimeout = Duration.ofSeconds(180);
        private String javaCommand;
        private boolean allowPrivateTargets = true;
        private final Map<String, List<String>> extraArgs = new LinkedHashMap<>();
        private Consumer<String> output = line -> System.out.println("[wharf] " + line);

        private Builder() {
        }

        /** The checkout (found upwards from the working directory when not set). */
        public Builder repoRoot(Path repoRoot) {
            this.repoRoot = repoRoot;
            return this;
        }

        /** Where Mongo's file, Kafka's log dir, the secret, logs and pid files live (default {@code <repo>/data}). */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        public Builder ports(PortPlan ports) {
            this.ports = ports;
            return this;
        }

        /** Shorthand for {@code ports(PortPlan.fromBase(base))}: the stack uses base..base+99. */
        public Builder basePort(int base) {
            return ports(PortPlan.fromBase(base));
        }

        public Builder replicas(String service, int count) {
            String s = Services.canonical(service);
            if (count < 1 || count > PortPlan.MAX_REPLICAS) {
                throw new IllegalArgumentException("replicas must be 1.." + PortPlan.MAX_REPLICAS + ": " + count);
            }
            replicas.put(s, count);
            return this;
        }

        public Builder scale(Map<String, Integer> scale) {
            scale.forEach(this::replicas);
            return this;
        }

        /** Start only these services (default: all); Mongo and Kafka always start. */
        public Builder services(List<String> services) {
            this.services = services.stream().map(Services::canonical).toList();
            return this;
        }

        public Builder gateway(boolean gateway) {
            this.gateway = gateway;
            return this;
        }

        /** How long each part may take to become healthy (default 180 s: 2 shared cores). */
        public Builder healthTimeout(Duration healthTimeout) {
            this.healthTimeout = Objects.requireNonNull(healthTimeout);
            return this;
        }

        public Builder javaCommand(String javaCommand) {
            this.javaCommand = javaCommand;
            return this;
        }

        /** SPEC §7: the single-machine default allows private webhook/registry targets. */
        public Builder allowPrivateTargets(boolean allow) {
            this.allowPrivateTargets = allow;
            return this;
        }

        /** Appends a command-line argument to a part ({@code "*"}: every service and the gateway). */
        public Builder extraArg(String part, String arg) {
            extraArgs.computeIfAbsent(part, k -> new ArrayList<>()).add(arg);
            return this;
        }

        /** Where progress lines go (default stdout). */
        public Builder output(Consumer<String> output) {
            this.output = Objects.requireNonNull(output);
            return this;
        }

        public StackConfig build() {
            return new StackConfig(this);
        }
    }
}
