package io.wharf.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Writes a benchmark's results as JSON (for tools) and Markdown (for people) under bench/results. */
final class Report {

    private Report() {
    }

    /** Load runs: one row of percentiles and throughput each. */
    static void write(Path dir, String name, List<Result> results, Map<String, String> environment) throws IOException {
        StringBuilder md = new StringBuilder("| scenario | clients | requests | errors | p50 ms | p90 ms | p99 ms | max ms | req/s |\n")
                .append("|---|---|---|---|---|---|---|---|---|\n");
        results.forEach(r -> md.append(r.markdownRow()).append('\n'));
        write(dir, name, environment, results, md.toString());
    }

    /** Any results: {@code results} as the JSON's {@code results}, {@code markdown} under the environment. */
    static void write(Path dir, String name, Map<String, String> environment, Object results, String markdown)
            throws IOException {
        Files.createDirectories(dir);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("environment", new TreeMap<>(environment));
        json.put("results", results);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve(name + ".json").toFile(), json);

        StringBuilder md = new StringBuilder("# Benchmark: ").append(name).append("\n\n");
        new TreeMap<>(environment).forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
        md.append('\n').append(markdown);
        Files.writeString(dir.resolve(name + ".md"), md.toString());
    }
}
