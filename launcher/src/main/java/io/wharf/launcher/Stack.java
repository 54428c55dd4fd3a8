package io.wharf.launcher;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A running Wharf: Mongo wire server and Kafka broker, then every service, then the gateway, each a
 * child process with its log in {@code <data>/logs/<part>.log} and its pid in {@code <data>/run}.
 * This is what {@code ./wharf up} runs, and what system tests start:
 *
 * <pre>{@code
 * try (Stack stack = Stack.start(StackConfig.builder().dataDir(tmp).basePort(20000).build())) {
 *     URI api = URI.create(stack.gatewayUrl());
 *     ...
 * }
 * }</pre>
 *
 * {@link #stop()} (also run by a shutdown hook) stops the parts in reverse order.
 */
public final class Stack implements AutoCloseable {

    static final String HEALTH_PATH = "/actuator/health";
    private static final String CHILD_LOGBACK = "io/wharf/launcher/child-logback.xml";
    private static final Duration SERVICE_GRACE = Duration.ofSeconds(20);
    private static final Duration KAFKA_GRACE = Duration.ofSeconds(30);

    private final StackConfig config;
    private final Consumer<String> out;
    private final RunDir runDir;
    private final Path launcherClasspath;
    private final Path libDir;
    private final List<RunningPart> started = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, List<String>> serviceUrls = new LinkedHashMap<>();
    private final Thread shutdownHook;
    private ServiceWiring.Infra infra;
    private volatile boolean stopping;
    /** Set once everything is healthy; before that, a dying part is reported by the start-up wait. */
    private volatile boolean ready;
    private boolean stopped;

    private Stack(StackConfig config) {
        this.config = config;
        this.out = config.output();
        this.runDir = new RunDir(config.dataDir());
        this.libDir = config.repoRoot().resolve("launcher").resolve("target").resolve("lib");
        this.launcherClasspath = launcherCodeLocation();
        this.shutdownHook = new Thread(this::stop, "wharf-stack-shutdown");
    }

    /**
     * Starts everything and returns once every part is healthy.
     *
     * @throws StackStartException naming the part that failed (everything started so far is stopped again)
     * @throws IllegalStateException when a stack already runs on this data directory
     */
    public static Stack start(StackConfig config) {
        Stack stack = new Stack(config);
        stack.startAll();
        return stack;
    }

    // ---------------------------------------------------------------- accessors for callers and tests

    public StackConfig config() {
        return config;
    }

    /** {@code http://localhost:<gateway port>}. */
    public String gatewayUrl() {
        return "http://localhost:" + config.ports().gateway();
    }

    public String swaggerUiUrl() {
        return gatewayUrl() + "/swagger-ui.html";
    }

    /** Base URL of a service's first replica (services bind 127.0.0.1 only). */
    public String serviceUrl(String service) {
        return serviceUrls(service).get(0);
    }

    public List<String> serviceUrls(String service) {
        List<String> urls = serviceUrls.get(Services.canonical(service));
        if (urls == null) {
            throw new IllegalArgumentException(service + " is not part of this stack");
        }
        return urls;
    }

    public String mongoUri() {
        return infra.mongoUri();
    }

    public String kafkaBootstrap() {
        return infra.kafkaBootstrap();
    }

    /** The secret shared by gateway and services (for tests that forge internal assertions). Never log it. */
    public String internalSecret() {
        return infra.internalSecret();
    }

    public Path logFile(String part) {
        return config.logDir().resolve(part + ".log");
    }

    /** Names of the running parts, in start order. */
    public List<String> parts() {
        synchronized (started) {
            return started.stream().map(RunningPart::name).toList();
        }
    }

    /** The process of a part (e.g. to kill a replica in a test). */
    public Optional<ProcessHandle> process(String part) {
        synchronized (started) {
            return started.stream().filter(p -> p.name().equals(part)).map(p -> p.process().toHandle()).findFirst();
        }
    }

    @Override
    public void close() {
        stop();
    }

    // ---------------------------------------------------------------- start

    private void startAll() {
        Instant t0 = Instant.now();
        try {
            Files.createDirectories(config.logDir());
            if (!runDir.tryLock()) {
                throw new IllegalStateException("Wharf is already running with data directory " + config.dataDir()
                        + runDir.stackPid().map(p -> " (launcher pid " + p + ")").orElse("")
                        + "; see ./wharf status, or stop it with ./wharf down");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try {
            preflight();
            infra = new ServiceWiring.Infra(
                    "mongodb://127.0.0.1:" + config.ports().mongo(),
                    "127.0.0.1:" + config.ports().kafka(),
                    Secrets.internalSecret(config.dataDir()),
                    config.allowPrivateTargets());
            for (String service : config.services()) {
                List<String> urls = new ArrayList<>();
                for (int k = 1; k <= config.replicas(service); k++) {
                    urls.add("http://127.0.0.1:" + config.ports().service(service, k));
                }
                serviceUrls.put(service, List.copyOf(urls));
            }
            List<PartSpec> services = serviceSpecs();
            PartSpec gateway = config.gateway() ? gatewaySpec() : null;
            writeState(services, gateway);

            out.accept("starting MongoDB wire server and Kafka (data in " + config.dataDir() + ")");
            KafkaBroker kafka = new KafkaBroker(config.dataDir());
            startAndAwait(List.of(mongoSpec(), kafkaSpec(kafka)));
            out.accept("starting " + services.size() + " service process(es)");
            startAndAwait(services);
            if (gateway != null) {
                out.accept("starting the gateway");
                startAndAwait(List.of(gateway));
            }
            maybeStartAgent();
            ready = true;
            runDir.markReady(ProcessHandle.current().pid() + "\n" + gatewayUrl() + "\n");
            out.accept(String.format(Locale.ROOT, "Wharf is up in %.1f s", Duration.between(t0, Instant.now()).toMillis() / 1000.0));
        } catch (RuntimeException | IOException e) {
            stop();
            if (e instanceof IOException io) {
                throw new StackStartException("cannot start Wharf: " + io, io);
            }
            throw (RuntimeException) e;
        }
    }

    private void preflight() throws IOException {
        List<String> stale = runDir.cleanStalePidFiles();
        if (!stale.isEmpty()) {
            out.accept("removed stale pid files of " + String.join(", ", stale));
        }
        List<String> orphans = runDir.partsWithPidFiles();
        if (!orphans.isEmpty()) {
            throw new IllegalStateException("processes of an earlier run are still alive (" + String.join(", ", orphans)
                    + "): stop them with ./wharf down");
        }
        if (!Files.isDirectory(libDir)) {
            throw new StackStartException("missing " + libDir + ": build first with ./mvnw -B -DskipTests package");
        }
        for (var entry : config.ports().allPorts(config.replicas(), config.services(), config.gateway()).entrySet()) {
            if (!Health.portFree(entry.getValue())) {
                throw new StackStartException("port " + entry.getValue() + " (" + entry.getKey()
                        + ") is already in use; choose other ports (WHARF_PORT, or StackConfig basePort/ports)");
            }
        }
    }

    private void writeState(List<PartSpec> services, PartSpec gateway) throws IOException {
        Properties state = new Properties();
        List<PartSpec> all = new ArrayList<>();
        all.add(new PartSpec(Services.MONGO, List.of(), Map.of(), "tcp://127.0.0.1:" + config.ports().mongo(), Duration.ZERO));
        all.add(new PartSpec(Services.KAFKA, List.of(), Map.of(), "tcp://127.0.0.1:" + config.ports().kafka(), Duration.ZERO));
        all.addAll(services);
        if (gateway != null) {
            all.add(gateway);
        }
        state.setProperty("parts", String.join(",", all.stream().map(PartSpec::name).toList()));
        all.forEach(p -> state.setProperty("health." + p.name(), p.healthTarget()));
        state.setProperty("gateway.url", gatewayUrl());
        state.setProperty("swagger.url", swaggerUiUrl());
        runDir.writeState(state);
    }

    /** Starts the parts together and waits until each is healthy; fails on the first that is not. */
    private void startAndAwait(List<PartSpec> specs) {
        List<CompletableFuture<Void>> waits = new ArrayList<>();
        for (PartSpec spec : specs) {
            RunningPart part = launch(spec);
            waits.add(CompletableFuture.runAsync(() -> awaitHealthy(part), Processes.WAITERS));
        }
        try {
            CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            // report the first failure in start order, not in completion order
            for (CompletableFuture<Void> w : waits) {
                try {
                    w.join();
                } catch (CompletionException failed) {
                    Throwable cause = failed.getCause();
                    throw cause instanceof RuntimeException re ? re : new StackStartException(cause.toString(), cause);
                }
            }
            throw e;
        }
    }

    private RunningPart launch(PartSpec spec) {
        Path log = logFile(spec.name());
        try {
            Files.writeString(log, "==== " + OffsetDateTime.now() + " starting " + spec.name() + "\n",
                    StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            ProcessBuilder pb = new ProcessBuilder(withOwnSession(spec.command()))
                    .directory(config.repoRoot().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.environment().putAll(spec.environment());
            Process process;
            RunningPart part;
            // Under the same lock as stop()'s snapshot: a part is either seen by stop() or never started.
            synchronized (started) {
                if (stopping) {
                    throw new StackStartException("not starting " + spec.name() + ": the stack is stopping");
                }
                process = pb.start();
                part = new RunningPart(spec, process, Instant.now());
                started.add(part);
            }
            runDir.writePid(spec.name(), process.pid());
            process.onExit().thenAccept(p -> {
                if (ready && !stopping) {
                    out.accept("!! " + spec.name() + " exited unexpectedly (code " + p.exitValue() + "); see " + log);
                }
            });
            return part;
        } catch (IOException e) {
            throw new StackStartException("cannot start " + spec.name() + ": " + e.getMessage(), e);
        }
    }

    private void awaitHealthy(RunningPart part) {
        Instant deadline = part.startedAt().plus(part.spec().timeout());
        while (true) {
            if (stopping) {
                throw new StackStartException("start of " + part.name() + " interrupted: the stack is stopping");
            }
            if (!part.process().isAlive()) {
                throw new StackStartException(part.name() + " exited with code " + part.process().exitValue()
                        + " while starting; last lines of " + logFile(part.name()) + ":\n" + tail(logFile(part.name()), 40));
            }
            if (Health.check(part.spec().healthTarget())) {
                out.accept(String.format(Locale.ROOT, "%-22s up   %-40s (%.1f s)", part.name(), shortTarget(part.spec()),
                        Duration.between(part.startedAt(), Instant.now()).toMillis() / 1000.0));
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new StackStartException(part.name() + " is not healthy after " + part.spec().timeout().toSeconds()
                        + " s (" + part.spec().healthTarget() + "); last lines of " + logFile(part.name()) + ":\n"
                        + tail(logFile(part.name()), 40));
            }
            sleep(250);
        }
    }

    private static String shortTarget(PartSpec spec) {
        String t = spec.healthTarget();
        return t.startsWith("tcp://") ? t.substring(6) : t.replace(HEALTH_PATH, "");
    }

    // ---------------------------------------------------------------- part specs

    /** One process to start: command, extra environment, health target, start timeout. */
    record PartSpec(String name, List<String> command, Map<String, String> environment, String healthTarget,
                    Duration timeout) {
    }

    private PartSpec mongoSpec() {
        List<String> cmd = javaCommand(Services.MONGO, List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        cmd.addAll(List.of("-cp", infraClasspath(), MongoWireServer.class.getName(),
                "--host", "127.0.0.1", "--port", Integer.toString(config.ports().mongo()),
                "--file", config.dataDir().resolve("mongo").resolve("wharf.mv.db").toString()));
        return new PartSpec(Services.MONGO, cmd, Map.of(), "tcp://127.0.0.1:" + config.ports().mongo(), Duration.ofSeconds(60));
    }

    private PartSpec kafkaSpec(KafkaBroker kafka) {
        try {
            Path props = kafka.writeProperties(config.ports().kafka(), config.ports().kafkaController());
            if (kafka.needsFormat()) {
                formatKafka(kafka, props);
            }
            List<String> cmd = javaCommand(Services.KAFKA, KafkaBroker.JVM_OPTIONS);
            cmd.addAll(List.of("-cp", infraClasspath(), KafkaBroker.MAIN_CLASS, props.toString()));
            return new PartSpec(Services.KAFKA, cmd, Map.of(), "tcp://127.0.0.1:" + config.ports().kafka(), Duration.ofSeconds(90));
        } catch (IOException e) {
            throw new StackStartException("cannot prepare Kafka in " + kafka.dir() + ": " + e, e);
        }
    }

    /** Formats the KRaft log directory once, with the cluster id kept in the data directory. */
    private void formatKafka(KafkaBroker kafka, Path props) throws IOException {
        out.accept("formatting the Kafka log directory (first start of this data directory)");
        List<String> cmd = javaCommand("kafka-format", List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        cmd.addAll(List.of("-cp", infraClasspath(), KafkaBroker.STORAGE_TOOL, "format", "--ignore-formatted",
                "-t", kafka.clusterId(), "-c", props.toString()));
        Path log = logFile(Services.KAFKA);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        try {
            if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new StackStartException("formatting Kafka's log directory timed out; see " + log);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new StackStartException("interrupted while formatting Kafka's log directory");
        }
        if (p.exitValue() != 0) {
            throw new StackStartException("formatting Kafka's log directory failed (code " + p.exitValue() + "):\n" + tail(log, 30));
        }
    }

    private List<PartSpec> serviceSpecs() {
        List<PartSpec> specs = new ArrayList<>();
        for (String service : config.services()) {
            Path jar = execJar(service);
            for (int k = 1; k <= config.replicas(service); k++) {
                String name = Services.partName(service, k);
                int port = config.ports().service(service, k);
                List<String> cmd = javaCommand(name, ServiceWiring.SERVICE_JVM_OPTIONS);
                cmd.add("-jar");
                cmd.add(jar.toString());
                cmd.addAll(ServiceWiring.serviceArgs(service, port, config.ports().nodeGrpc(k), infra));
                cmd.addAll(ServiceWiring.identityArgs(service, serviceUrls));
                if (service.equals(Services.NODE)) {
                    cmd.addAll(ServiceWiring.nodeArgs(gatewayUrl(), agentJar().orElse(null)));
                }
                cmd.addAll(config.extraArgs(service));
                if (k > 1) {
                    cmd.addAll(config.extraArgs(name));
                }
                Map<String, String> environment = new LinkedHashMap<>(ServiceWiring.environment(port, infra));
                if (service.equals(Services.IDENTITY)) {
                    environment.putAll(ServiceWiring.identityEnvironment(config.ports().gateway(), System.getenv()));
                }
                specs.add(new PartSpec(name, cmd, environment,
                        "http://127.0.0.1:" + port + HEALTH_PATH, config.healthTimeout()));
            }
        }
        return specs;
    }

    /**
     * A local agent for this machine's Docker engine (DESIGN §7), started once node-service runs, when
     * Docker is there and the agent has a credential: a node token it stored in {@code <data>/agent}
     * on an earlier run, or {@code WHARF_LOCAL_AGENT_TOKEN} (the token of a node's install script; a new
     * one wins over the stored node token, so a revoked node can be reinstalled).
     * Otherwise it only says how to get one. It needs agent/target/agent-*-all.jar.
     */
    private void maybeStartAgent() {
        if (!config.services().contains(Services.NODE) || !dockerPresent()) {
            return;
        }
        Path agentData = config.dataDir().resolve("agent");
        Optional<String> token = ServiceWiring.localAgentToken(agentData, System.getenv(ServiceWiring.LOCAL_AGENT_TOKEN));
        Optional<Path> jar = agentJar();
        if (jar.isEmpty() || token.isEmpty()) {
            out.accept("Docker found. To deploy on this machine: create a node, generate its install script, and run it"
                    + " (or restart with " + ServiceWiring.LOCAL_AGENT_TOKEN + "=<the script's WHARF_TOKEN>)"
                    + (jar.isEmpty() ? "; build the agent first: ./mvnw -B -q package -pl agent -am -DskipTests" : ""));
            return;
        }
        try {
            Files.createDirectories(agentData);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> cmd = javaCommand(Services.AGENT, List.of("-Xmx128m", "-XX:+UseSerialGC"));
        cmd.add("-jar");
        cmd.add(jar.get().toString());
        launch(new PartSpec(Services.AGENT, cmd, ServiceWiring.agentEnvironment(config.ports().nodeGrpc(1),
                token.get(), agentData), null, Duration.ZERO));
        out.accept("started the local agent (data in " + agentData + ", log " + logFile(Services.AGENT) + ")");
    }

    private static boolean dockerPresent() {
        String host = System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock");
        return !host.startsWith("unix://") || Files.exists(Path.of(host.substring("unix://".length())));
    }

    private Optional<Path> agentJar() {
        Path target = config.repoRoot().resolve("agent").resolve("target");
        try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
            return files.filter(p -> p.getFileName().toString().matches("agent-.*-all\\.jar"))
                    .max((a, b) -> Long.compare(a.toFile().lastModified(), b.toFile().lastModified()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private PartSpec gatewaySpec() {
        int port = config.ports().gateway();
        List<String> cmd = javaCommand(Services.GATEWAY, ServiceWiring.SERVICE_JVM_OPTIONS);
        cmd.add("-jar");
        cmd.add(execJar(Services.GATEWAY).toString());
        cmd.addAll(ServiceWiring.gatewayArgs(port, serviceUrls, infra));
        cmd.addAll(config.extraArgs(Services.GATEWAY));
        return new PartSpec(Services.GATEWAY, cmd, ServiceWiring.environment(port, infra),
                "http://127.0.0.1:" + port + HEALTH_PATH, config.healthTimeout());
    }

    /** {@code java <options> -Dwharf.part=<part> -Dwharf.data=<dir>}: the markers let down/status recognise our processes. */
    private List<String> javaCommand(String part, List<String> options) {
        List<String> cmd = new ArrayList<>();
        cmd.add(config.javaCommand());
        cmd.addAll(options);
        cmd.add(RunDir.PART_MARKER + part);
        cmd.add(RunDir.DATA_MARKER + runDir.dataDir());
        if (isInfra(part) || part.equals("kafka-format")) {
            // Our own children log through logback (INFO, quiet Kafka request logger); Spring Boot apps configure themselves.
            cmd.add("-Dlogback.configurationFile=" + CHILD_LOGBACK);
        }
        return cmd;
    }

    private Path execJar(String module) {
        Path target = config.repoRoot().resolve(module).resolve("target");
        try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
            return files.filter(p -> p.getFileName().toString().matches(java.util.regex.Pattern.quote(module) + "-.*-exec\\.jar"))
                    .max((a, b) -> Long.compare(a.toFile().lastModified(), b.toFile().lastModified()))
                    .orElseThrow(() -> new StackStartException("missing " + target + "/" + module
                            + "-<version>-exec.jar: build first with ./mvnw -B -DskipTests package"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String infraClasspath() {
        return launcherClasspath + File.pathSeparator + libDir.resolve("*");
    }

    private static Path launcherCodeLocation() {
        try {
            return Path.of(Stack.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs every child in its own session, so a Ctrl-C in the terminal reaches only the launcher, which stops them in order. */
    private static List<String> withOwnSession(List<String> command) {
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            List<String> cmd = new ArrayList<>();
            cmd.add("/usr/bin/setsid");
            cmd.addAll(command);
            return cmd;
        }
        return command;
    }

    // ---------------------------------------------------------------- stop

    /** Stops every part in reverse start order (SIGTERM, grace period, SIGKILL). Idempotent. */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        List<RunningPart> parts;
        synchronized (started) {
            stopping = true;
            parts = new ArrayList<>(started);
        }
        Collections.reverse(parts);
        if (!parts.isEmpty()) {
            out.accept("stopping Wharf");
        }
        // Services stop together (they started together); the gateway before them, infrastructure after.
        List<RunningPart> gateway = parts.stream().filter(p -> p.name().equals(Services.GATEWAY)).toList();
        List<RunningPart> services = parts.stream().filter(p -> !isInfra(p.name()) && !p.name().equals(Services.GATEWAY)).toList();
        List<RunningPart> infraParts = parts.stream().filter(p -> isInfra(p.name())).toList();
        stopTogether(gateway);
        stopTogether(services);
        infraParts.forEach(p -> stopTogether(List.of(p)));
        runDir.unlock();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // called from the hook itself
        }
        if (!parts.isEmpty()) {
            out.accept("Wharf stopped");
        }
    }

    private void stopTogether(List<RunningPart> parts) {
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        for (RunningPart part : parts) {
            stops.add(CompletableFuture.runAsync(() -> {
                Duration grace = part.name().equals(Services.KAFKA) ? KAFKA_GRACE : SERVICE_GRACE;
                if (!Processes.terminate(part.process().toHandle(), grace)) {
                    out.accept(part.name() + " did not stop within " + grace.toSeconds() + " s and was killed");
                }
                runDir.deletePid(part.name());
            }, Processes.WAITERS));
        }
        stops.forEach(CompletableFuture::join);
    }

    static boolean isInfra(String part) {
        return part.equals(Services.MONGO) || part.equals(Services.KAFKA);
    }

    // ---------------------------------------------------------------- helpers

    static String tail(Path file, int lines) {
        try {
            if (!Files.exists(file)) {
                return "(no log)";
            }
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return "  | " + String.join("\n  | ", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackStartException("interrupted");
        }
    }

    private record RunningPart(PartSpec spec, Process process, Instant startedAt) {
        String name() {
            return spec.name();
        }
    }
}
