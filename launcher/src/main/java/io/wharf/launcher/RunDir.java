package io.wharf.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.io.Reader;
import java.io.Writer;

/**
 * {@code <data>/run}: what lets {@code ./wharf down} and {@code status} work from another shell.
 * <ul>
 *   <li>{@code stack.lock} — held (OS file lock) by the JVM that supervises the stack; the OS drops
 *       it when that JVM dies, however it dies, so "already running" is never a stale file;</li>
 *   <li>{@code stack.pid} — that JVM's pid;</li>
 *   <li>{@code <part>.pid} — one per child process;</li>
 *   <li>{@code stack.properties} — parts in start order with their health URLs, gateway URL;</li>
 *   <li>{@code ready} — written once everything is healthy (the script's {@code --detach} waits for it).</li>
 * </ul>
 */
final class RunDir {

    static final String PART_MARKER = "-Dwharf.part=";
    static final String DATA_MARKER = "-Dwharf.data=";

    private final Path dir;
    private final Path dataDir;
    private FileChannel lockChannel;
    private FileLock lock;

    RunDir(Path dataDir) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.dir = this.dataDir.resolve("run");
    }

    Path dir() {
        return dir;
    }

    Path dataDir() {
        return dataDir;
    }

    /** Takes the stack lock; false when another live JVM holds it. */
    synchronized boolean tryLock() throws IOException {
        Files.createDirectories(dir);
        lockChannel = FileChannel.open(dir.resolve("stack.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException sameJvm) {
            lock = null;
        }
        if (lock == null) {
            lockChannel.close();
            lockChannel = null;
            return false;
        }
        Files.writeString(dir.resolve("stack.pid"), Long.toString(ProcessHandle.current().pid()), StandardCharsets.US_ASCII);
        return true;
    }

    /** True when some live JVM holds the stack lock (without taking it). */
    boolean isLockedByOther() throws IOException {
        if (!Files.exists(dir.resolve("stack.lock"))) {
            return false;
        }
        try (FileChannel ch = FileChannel.open(dir.resolve("stack.lock"), StandardOpenOption.WRITE)) {
            FileLock probe = ch.tryLock();
            if (probe == null) {
                return true;
            }
            probe.release();
            return false;
        } catch (OverlappingFileLockException sameJvm) {
            return true;
        }
    }

    synchronized void unlock() {
        try {
            Files.deleteIfExists(dir.resolve("stack.pid"));
            Files.deleteIfExists(dir.resolve("ready"));
            if (lock != null) {
                lock.release();
            }
            if (lockChannel != null) {
                lockChannel.close();
            }
        } catch (IOException e) {
            // the OS releases the lock when this JVM exits anyway
        } finally {
            lock = null;
            lockChannel = null;
        }
    }

    /** Removes stack.pid and ready left by a launcher that died without cleaning up (kill -9). */
    void clearSupervisorFiles() throws IOException {
        Files.deleteIfExists(dir.resolve("stack.pid"));
        Files.deleteIfExists(dir.resolve("ready"));
    }

    Optional<Long> stackPid() {
        return readPid(dir.resolve("stack.pid"));
    }

    void writePid(String part, long pid) {
        try {
            Files.createDirectories(dir);
            Files.writeString(pidFile(part), Long.toString(pid), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void deletePid(String part) {
        try {
            Files.deleteIfExists(pidFile(part));
        } catch (IOException ignored) {
            // a leftover pid file is detected as stale next time
        }
    }

    Optional<Long> pid(String part) {
        return readPid(pidFile(part));
    }

    Path pidFile(String part) {
        return dir.resolve(part + ".pid");
    }

    /** Part names that have a pid file. */
    List<String> partsWithPidFiles() throws IOException {
        List<String> parts = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return parts;
        }
        try (var files = Files.list(dir)) {
            files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".pid") && !n.equals("stack.pid"))
                    .map(n -> n.substring(0, n.length() - 4))
                    .sorted()
                    .forEach(parts::add);
        }
        return parts;
    }

    /** The live process of a part, if its pid file names a process that really is that part of this data dir. */
    Optional<ProcessHandle> livePart(String part) {
        return pid(part).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive).filter(h -> isPart(h, part));
    }

    /** Deletes pid files whose process is gone or is something else now (pid reuse); returns their parts. */
    List<String> cleanStalePidFiles() throws IOException {
        List<String> stale = new ArrayList<>();
        for (String part : partsWithPidFiles()) {
            if (livePart(part).isEmpty()) {
                deletePid(part);
                stale.add(part);
            }
        }
        return stale;
    }

    /** Every child is started with {@code -Dwharf.part=<part> -Dwharf.data=<dir>}; that is how we recognise it. */
    boolean isPart(ProcessHandle handle, String part) {
        List<String> args = commandLine(handle.pid());
        return args.contains(PART_MARKER + part) && args.contains(DATA_MARKER + dataDir);
    }

    static List<String> commandLine(long pid) {
        Path proc = Path.of("/proc", Long.toString(pid), "cmdline");
        try {
            if (Files.exists(proc)) {
                String raw = new String(Files.readAllBytes(proc), StandardCharsets.UTF_8);
                return List.of(raw.split("\0"));
            }
        } catch (IOException e) {
            // fall through to the portable API
        }
        return ProcessHandle.of(pid).flatMap(h -> h.info().arguments()).map(List::of).orElse(List.of());
    }

    void writeState(Properties state) throws IOException {
        Files.createDirectories(dir);
        try (Writer w = Files.newBufferedWriter(dir.resolve("stack.properties"), StandardCharsets.UTF_8)) {
            state.store(w, "Written by the Wharf launcher; read by ./wharf status and down");
        }
    }

    Properties readState() throws IOException {
        Properties p = new Properties();
        Path file = dir.resolve("stack.properties");
        if (Files.exists(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            }
        }
        return p;
    }

    void markReady(String text) throws IOException {
        Files.writeString(dir.resolve("ready"), text, StandardCharsets.UTF_8);
    }

    /** Parts recorded in stack.properties, in start order, with their health targets. */
    Map<String, String> recordedParts() throws IOException {
        Properties p = readState();
        Map<String, String> parts = new LinkedHashMap<>();
        String order = p.getProperty("parts", "");
        for (String part : order.split(",")) {
            if (!part.isBlank()) {
                parts.put(part, p.getProperty("health." + part, ""));
            }
        }
        return parts;
    }

    private static Optional<Long> readPid(Path file) {
        try {
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            return Optional.of(Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
