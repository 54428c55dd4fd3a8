package io.wharf.launcher;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * Entry point of {@code ./wharf}: {@code up [--scale <service>=<n>]...}, {@code down}, {@code status}.
 * Configuration from the environment: WHARF_PORT (gateway, 8080), WHARF_DATA (./data),
 * WHARF_SCALE ({@code identity=2,project=2}), WHARF_HEALTH_TIMEOUT (seconds per part, 180).
 */
public final class Launcher {

    static final int EXIT_NOT_RUNNING = 3;

    private Launcher() {
    }

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "up" : args[0];
        List<String> rest = args.length == 0 ? List.of() : List.of(args).subList(1, args.length);
        int code;
        try {
            code = switch (command) {
                case "up" -> up(rest);
                case "down" -> down();
                case "status" -> status();
                case "running" -> running();
                default -> {
                    System.err.println("usage: wharf up [--scale <service>=<n>]... | down | status");
                    yield 2;
                }
            };
        } catch (IllegalArgumentException | IllegalStateException | StackStartException e) {
            System.err.println("[wharf] " + e.getMessage());
            code = 1;
        }
        System.exit(code);
    }

    // ---------------------------------------------------------------- up

    static int up(List<String> args) throws InterruptedException {
        StackConfig config = configFrom(System.getenv(), args);
        Stack stack = Stack.start(config);
        printUrls(stack);
        // Runs until Ctrl-C / SIGTERM: the stack's shutdown hook stops every part in reverse order.
        new CountDownLatch(1).await();
        return 0;
    }

    static StackConfig configFrom(Map<String, String> env, List<String> args) {
        Map<String, Integer> scale = new LinkedHashMap<>(StackConfig.parseScale(env.get("WHARF_SCALE")));
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--scale") && i + 1 < args.size()) {
                scale.putAll(StackConfig.parseScale(args.get(++i)));
            } else if (a.startsWith("--scale=")) {
                scale.putAll(StackConfig.parseScale(a.substring("--scale=".length())));
            } else {
                throw new IllegalArgumentException("unknown argument for up: " + a + " (usage: up [--scale <service>=<n>]...)");
            }
        }
        StackConfig.Builder b = StackConfig.builder()
                .ports(PortPlan.defaults(intEnv(env, "WHARF_PORT", 8080)))
                .scale(scale)
                .healthTimeout(Duration.ofSeconds(intEnv(env, "WHARF_HEALTH_TIMEOUT", 180)));
        dataDir(env).ifPresent(b::dataDir);
        return b.build();
    }

    private static void printUrls(Stack stack) {
        StackConfig c = stack.config();
        System.out.println();
        System.out.println("  Wharf is running.");
        System.out.println("  API (gateway):  " + stack.gatewayUrl());
        System.out.println("  Swagger UI:     " + stack.swaggerUiUrl());
        System.out.println("  Health:         " + stack.gatewayUrl() + "/actuator/health");
        for (String service : c.services()) {
            System.out.println(String.format("  %-21s %s", service + ":", String.join(", ", stack.serviceUrls(service))));
        }
        System.out.println("  MongoDB:        " + stack.mongoUri() + "   Kafka: " + stack.kafkaBootstrap());
        System.out.println("  Data and logs:  " + c.dataDir() + " (logs/<part>.log)");
        System.out.println("  Stop with Ctrl-C or ./wharf down");
        System.out.println();
    }

    // ---------------------------------------------------------------- down

    /** Stops a stack started from another shell: first its launcher (which stops its parts), then any leftover part. */
    static int down() throws IOException {
        RunDir run = new RunDir(dataDirOrDefault(System.getenv()));
        boolean anything = false;
        if (run.isLockedByOther()) {
            Optional<ProcessHandle> launcher = run.stackPid().flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
            if (launcher.isPresent()) {
                anything = true;
                System.out.println("[wharf] stopping the launcher (pid " + launcher.get().pid() + ") and its parts");
                // Generous: the launcher itself gives each part its grace period before killing it.
                Processes.terminate(launcher.get(), Duration.ofSeconds(120));
            }
        }
        // Leftovers (launcher killed with -9, or stopped mid-start): reverse start order, then anything else.
        Set<String> all = new LinkedHashSet<>(run.recordedParts().keySet());
        all.addAll(run.partsWithPidFiles());
        // gateway, then the services together, then Kafka, then Mongo
        Map<Integer, List<String>> byRank = new java.util.TreeMap<>();
        all.forEach(part -> byRank.computeIfAbsent(rank(part), r -> new ArrayList<>()).add(part));
        for (List<String> group : byRank.values()) {
            List<java.util.concurrent.CompletableFuture<Void>> stops = new ArrayList<>();
            for (String part : group) {
                Optional<ProcessHandle> p = run.livePart(part);
                if (p.isPresent()) {
                    anything = true;
                    System.out.println("[wharf] stopping " + part + " (pid " + p.get().pid() + ")");
                    Duration grace = part.equals(Services.KAFKA) ? Duration.ofSeconds(30) : Duration.ofSeconds(20);
                    stops.add(java.util.concurrent.CompletableFuture.runAsync(() -> Processes.terminate(p.get(), grace), Processes.WAITERS));
                }
            }
            stops.forEach(java.util.concurrent.CompletableFuture::join);
            group.forEach(run::deletePid);
        }
        run.cleanStalePidFiles();
        if (!run.isLockedByOther()) {
            run.clearSupervisorFiles();
        }
        System.out.println(anything ? "[wharf] stopped" : "[wharf] nothing is running (data directory " + run.dataDir() + ")");
        return 0;
    }

    /** gateway first, services next, Kafka, then Mongo. */
    private static int rank(String part) {
        if (part.equals(Services.GATEWAY)) {
            return 0;
        }
        if (part.equals(Services.KAFKA)) {
            return 2;
        }
        if (part.equals(Services.MONGO)) {
            return 3;
        }
        return 1;
    }

    /** Exit 0 when a launcher or any part runs on the data directory (the script checks before rebuilding jars). */
    static int running() throws IOException {
        RunDir run = new RunDir(dataDirOrDefault(System.getenv()));
        if (run.isLockedByOther()) {
            return 0;
        }
        for (String part : run.partsWithPidFiles()) {
            if (run.livePart(part).isPresent()) {
                return 0;
            }
        }
        return EXIT_NOT_RUNNING;
    }

    // ---------------------------------------------------------------- status

    static int status() throws IOException {
        RunDir run = new RunDir(dataDirOrDefault(System.getenv()));
        Map<String, String> parts = new LinkedHashMap<>(run.recordedParts());
        run.partsWithPidFiles().forEach(p -> parts.putIfAbsent(p, ""));
        boolean launcherAlive = run.isLockedByOther();
        if (parts.isEmpty() || (!launcherAlive && run.partsWithPidFiles().isEmpty())) {
            System.out.println("Wharf is not running (data directory " + run.dataDir() + ")");
            return EXIT_NOT_RUNNING;
        }
        System.out.println("launcher             " + (launcherAlive
                ? "running (pid " + run.stackPid().map(String::valueOf).orElse("?") + ")"
                : "NOT running (parts left over: ./wharf down stops them)"));
        int up = 0;
        for (var entry : parts.entrySet()) {
            Optional<ProcessHandle> p = run.livePart(entry.getKey());
            String state;
            if (p.isEmpty()) {
                state = "DOWN     (no process)";
            } else if (entry.getValue().isEmpty() || Health.check(entry.getValue())) {
                state = "UP       pid " + p.get().pid();
                up++;
            } else {
                state = "UNHEALTHY pid " + p.get().pid() + " (" + entry.getValue() + " does not answer UP)";
            }
            System.out.println(String.format("%-20s %s  %s", entry.getKey(), state, display(entry.getValue())));
        }
        String gw = run.readState().getProperty("gateway.url");
        if (gw != null) {
            System.out.println("gateway URL: " + gw + "   Swagger UI: " + run.readState().getProperty("swagger.url"));
        }
        return up == parts.size() && launcherAlive ? 0 : 1;
    }

    private static String display(String target) {
        return target.startsWith("tcp://") ? target.substring(6) : target;
    }

    // ---------------------------------------------------------------- environment

    private static Optional<Path> dataDir(Map<String, String> env) {
        String d = env.get("WHARF_DATA");
        return d == null || d.isBlank() ? Optional.empty() : Optional.of(Path.of(d).toAbsolutePath());
    }

    private static Path dataDirOrDefault(Map<String, String> env) {
        return dataDir(env).orElseGet(() -> RepositoryRoot.locate().resolve("data"));
    }

    private static int intEnv(Map<String, String> env, String name, int fallback) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number: " + v);
        }
    }
}
