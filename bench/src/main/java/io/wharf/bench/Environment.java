package io.wharf.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a result file records about the machine it was measured on. */
final class Environment {

    private Environment() {
    }

    static Map<String, String> describe(int concurrency) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("concurrency", String.valueOf(concurrency));
        environment.put("cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
        environment.put("java", System.getProperty("java.version"));
        environment.put("time", Instant.now().toString());
        return environment;
    }

    /**
     * The 1, 5 and 15 minute load averages (Linux); other builds share the machine's two cores, so
     * a run with a high load is slower than the system is.
     */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
