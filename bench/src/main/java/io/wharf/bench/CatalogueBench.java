package io.wharf.bench;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Latency and throughput of catalogue requests through the gateway (project-service behind it) for
 * one team that already has {@code --projects} projects: the reads first (so the team has exactly
 * that many projects while they run), then the writes, each of which answers only after the view
 * applied its event (read-your-writes). Method and how to read the numbers: bench/README.md.
 */
public final class CatalogueBench {

    private CatalogueBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = Options.parse(args);
        String gateway = opts.getOrDefault("gateway", "http://127.0.0.1:8080");
        int projects = Integer.parseInt(opts.getOrDefault("projects", "50"));
        int images = Integer.parseInt(opts.getOrDefault("images", "5"));
        int reads = Integer.parseInt(opts.getOrDefault("requests", "1000"));
        int writes = Integer.parseInt(opts.getOrDefault("write-requests", "500"));
        int concurrency = Integer.parseInt(opts.getOrDefault("concurrency", "8"));
        Path out = Path.of(opts.getOrDefault("out", "bench/results"));
        String loadAtStart = Environment.loadAverage();

        HttpClient http = LoadRun.newClient();
        LoadRun load = new LoadRun(http);
        Api api = new Api(http, gateway);
        CatalogueTeam team = CatalogueTeam.create(api);
        long setupStart = System.nanoTime();
        team.addProjects(projects, images, concurrency);
        double setupSeconds = (System.nanoTime() - setupStart) / 1e9;
        List<CatalogueTeam.Project> seeded = List.copyOf(team.projects);
        String base = "/api/" + team.slug;

        AtomicInteger next = new AtomicInteger();
        List<Result> results = new ArrayList<>();
        results.add(load.run("GET project details (" + images + " images in its version)",
                api.each("GET", () -> team.projectPath(pick(seeded, next)), null), 200, 50, reads, concurrency));
        results.add(load.run("GET version details with " + images + " images",
                api.each("GET", () -> team.versionPath(pick(seeded, next)), null), 200, 50, reads, concurrency));
        results.add(load.run("list projects (" + projects + " in the team)",
                api.each("GET", () -> base + "/projects", null), 200, 50, reads, concurrency));

        AtomicInteger patched = new AtomicInteger();
        AtomicInteger patches = new AtomicInteger();
        results.add(load.run("PATCH image config (environment), read-your-writes",
                api.each("PATCH", () -> {
                    int n = patched.getAndIncrement();
                    CatalogueTeam.Project p = seeded.get(n % seeded.size());
                    return team.versionPath(p) + "/images/" + p.imageIds().get((n / seeded.size()) % p.imageIds().size());
                }, () -> Map.of("config", Map.of("environment",
                        List.of(Map.of("key", "BENCH_RUN", "value", "v" + patches.incrementAndGet()))))),
                204, 20, writes, concurrency));

        AtomicInteger added = new AtomicInteger();
        List<String> versionPaths = new ArrayList<>();
        seeded.forEach(p -> versionPaths.add(team.versionPath(p) + "/images"));
        // One counter per request for both the version and the image name: consecutive requests go
        // to different projects, so concurrent clients do not queue on one aggregate.
        results.add(load.run("add one image to a version, read-your-writes",
                () -> {
                    int n = added.getAndIncrement();
                    return api.request("POST", versionPaths.get(n % versionPaths.size()), List.of(Map.of(
                            "registryId", team.registryId, "images", List.of("bench/extra-" + n + ":2.0"))));
                }, 201, 20, writes, concurrency));

        AtomicInteger created = new AtomicInteger();
        results.add(load.run("create project (versioned), read-your-writes",
                api.each("POST", () -> base + "/projects", () -> Map.of("type", "versioned",
                        "name", "bench-" + team.run + "-" + created.incrementAndGet())),
                201, 20, writes, concurrency));
        results.add(load.run("list projects (" + (projects + writes + 20) + " in the team, after the creates)",
                api.each("GET", () -> base + "/projects", null), 200, 20, reads / 4, concurrency));

        Map<String, String> environment = Environment.describe(concurrency);
        environment.put("gateway", gateway);
        environment.put("team", team.slug + ": " + projects + " projects, 1 version each with " + images
                + " images (set-up " + String.format("%.1f", setupSeconds) + " s)");
        environment.put("load average at start (1/5/15 min)", loadAtStart);
        environment.put("load average at end (1/5/15 min)", Environment.loadAverage());
        Report.write(out, "catalogue", results, environment);
        results.forEach(r -> System.out.println(r.markdownRow()));
    }

    private static CatalogueTeam.Project pick(List<CatalogueTeam.Project> projects, AtomicInteger next) {
        return projects.get(Math.floorMod(next.getAndIncrement(), projects.size()));
    }
}
