package io.wharf.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service process of a stack started by {@code ./wharf up} (Linux only: reads /proc). The
 * replay benchmark stops it and starts it again with exactly the same command line, environment and
 * working directory (the environment carries the internal secret: it is copied, never printed), with
 * its output appended to the part's log and its pid in the part's pid file (so {@code ./wharf status}
 * sees it). The launcher does not supervise it: whoever starts it stops it.
 */
final class ServiceProcess {

    private final String part;
    private final Path dataDir;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path workingDir;
    private ProcessHandle handle;

    private ServiceProcess(String part, Path dataDir, ProcessHandle handle, List<String> command,
                           Map<String, String> environment, Path workingDir) {
        this.part = part;
        this.dataDir = dataDir;
        this.handle = handle;
        this.command = command;
        this.environment = environment;
        this.workingDir = workingDir;
    }

    /** The running part ({@code -Dwharf.part=<part>}) of the stack whose data directory is {@code dataDir}. */
    static ServiceProcess find(String part, Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("run").resolve(part + ".pid");
        long pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.US_ASCII).trim());
        ProcessHandle handle = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .orElseThrow(() -> new IllegalStateException(part + " (pid " + pid + ") is not running; ./wharf up first"));
        Path proc = Path.of("/proc", Long.toString(pid));
        List<String> command = nulSeparated(Files.readAllBytes(proc.resolve("cmdline")));
        if (!command.contains("-Dwharf.part=" + part)) {
            throw new IllegalStateException("pid " + pid + " is not " + part + ": " + command.get(0));
        }
        Map<String, String> environment = new LinkedHashMap<>();
        for (String entry : nulSeparated(Files.readAllBytes(proc.resolve("environ")))) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                environment.put(entry.substring(0, eq), entry.substring(eq + 1));
            }
        }
        Path cwd = Files.readSymbolicLink(proc.resolve("cwd"));
        return new ServiceProcess(part, dataDir, handle, command, environment, cwd);
    }

    long pid() {
        return handle.pid();
    }

    /** SIGTERM, then waits for the graceful shutdown (Axon releases its tokens). */
    void stop(Duration grace) throws Exception {
        handle.destroy();
        try {
            handle.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            handle.destroyForcibly();
            handle.onExit().get(10, TimeUnit.SECONDS);
        }
    }

    /** Starts the same process again (not supervised by the launcher: {@link #stop} it when done). */
    void start() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        Path log = dataDir.resolve("logs").resolve(part + ".log");
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Process process = builder.start();
        handle = process.toHandle();
        Files.writeString(dataDir.resolve("run").resolve(part + ".pid"), Long.toString(process.pid()),
                StandardCharsets.US_ASCII);
    }

    private static List<String> nulSeparated(byte[] bytes) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                parts.add(new String(bytes, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        if (start < bytes.length) {
            parts.add(new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8));
        }
        return parts;
    }
}
