package io.wharf.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How fast a projection rebuild processes events: fills project-service's event store to
 * {@code --events} events through the gateway, stops project-service, deletes the
 * {@code project-views} tracking token and its views, starts the service again with the same
 * command line and times until the views hold again exactly what they held before. Method and how
 * to read the numbers: bench/README.md.
 */
public final class ReplayBench {

    private static final Duration POLL = Duration.ofMillis(250);

    /** Times of one rebuild, in seconds after the service process was started again. */
    record Replay(long eventsInStore, long projectEvents, CatalogueStore.Fingerprint views, double stopSeconds,
                  double healthySeconds, double firstViewSeconds, double caughtUpSeconds,
                  double eventsPerSecond, double projectEventsPerSecond, long tokenBytesBefore, long tokenBytesAtEnd) {
    }

    private ReplayBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = Options.parse(args);
        String gateway = opts.getOrDefault("gateway", "http://127.0.0.1:8080");
        String service = opts.getOrDefault("service", "http://127.0.0.1:8082");
        String mongo = opts.getOrDefault("mongo", "mongodb://127.0.0.1:27017");
        String database = opts.getOrDefault("database", "wharf-project");
        String processor = opts.getOrDefault("processor", "project-views");
        Path data = Path.of(opts.getOrDefault("data", System.getenv().getOrDefault("WHARF_DATA", "data")));
        long target = Long.parseLong(opts.getOrDefault("events", "20000"));
        int projects = Integer.parseInt(opts.getOrDefault("projects", "100"));
        int images = Integer.parseInt(opts.getOrDefault("images", "5"));
        int concurrency = Integer.parseInt(opts.getOrDefault("concurrency", "8"));
        int chunks = Integer.parseInt(opts.getOrDefault("steps", "4"));
        Duration timeout = Duration.ofSeconds(Long.parseLong(opts.getOrDefault("timeout", "1800")));
        Path out = Path.of(opts.getOrDefault("out", "bench/results"));
        String loadAtStart = Environment.loadAverage();

        HttpClient http = LoadRun.newClient();
        Map<String, Object> results = new LinkedHashMap<>();
        StringBuilder md = new StringBuilder();
        try (CatalogueStore store = new CatalogueStore(mongo, database)) {
            List<Result> fill = fill(http, gateway, store, target, projects, images, concurrency, chunks);
            if (!fill.isEmpty()) {
                results.put("fill", fill);
                md.append("Filling the store (one event per request, in steps to show how writes cope with a growing store):\n\n")
                  .append("| scenario | clients | requests | errors | p50 ms | p90 ms | p99 ms | max ms | req/s |\n")
                  .append("|---|---|---|---|---|---|---|---|---|\n");
                fill.forEach(r -> md.append(r.markdownRow()).append('\n'));
                md.append('\n');
            }
            CatalogueStore.Fingerprint before = waitForViews(store, store.projectEvents(), timeout);
            Replay replay = replay(http, service, store, data, processor, before, timeout);
            results.put("replay", replay);
            System.out.println(replay);
            md.append("Rebuild of `").append(processor).append("` from the first event (seconds after the service process started):\n\n")
              .append("| events in store | of them Project events | views (projects / versions / images) | service stop s "
                      + "| healthy s | first view write s | caught up s | events/s (store, from first write) "
                      + "| Project events/s | token bytes before / after |\n|---|---|---|---|---|---|---|---|---|---|\n")
              .append(String.format("| %d | %d | %d / %d / %d | %.1f | %.1f | %.1f | %.1f | %.0f | %.0f | %d / %d |%n",
                      replay.eventsInStore(), replay.projectEvents(), before.projects(), before.versions(),
                      before.images(), replay.stopSeconds(), replay.healthySeconds(), replay.firstViewSeconds(),
                      replay.caughtUpSeconds(), replay.eventsPerSecond(), replay.projectEventsPerSecond(),
                      replay.tokenBytesBefore(), replay.tokenBytesAtEnd()));
        }
        Map<String, String> environment = Environment.describe(concurrency);
        environment.put("gateway", gateway);
        environment.put("service", service + " (" + database + ", processor " + processor + ")");
        environment.put("load average at start (1/5/15 min)", loadAtStart);
        environment.put("load average at end (1/5/15 min)", Environment.loadAverage());
        Report.write(out, "replay", environment, results, md.toString());
    }

    /** Adds projects, then image config patches (one event each) until the store holds {@code target} events. */
    private static List<Result> fill(HttpClient http, String gateway, CatalogueStore store, long target, int projects,
                                     int images, int concurrency, int steps) throws Exception {
        long missing = target - store.events() - 3L * projects - 2;
        if (missing <= 0) {
            return List.of();
        }
        Api api = new Api(http, gateway);
        CatalogueTeam team = CatalogueTeam.create(api);
        team.addProjects(projects, images, concurrency);
        List<CatalogueTeam.Project> all = List.copyOf(team.projects);
        AtomicInteger n = new AtomicInteger();
        List<Result> results = new java.util.ArrayList<>();
        for (int step = 1; step <= steps; step++) {
            long from = store.events();
            long to = from + (target - from) / (steps - step + 1);
            System.out.println("filling the store from " + from + " to " + to + " events with image config patches ...");
            results.add(new LoadRun(http).run("PATCH image config, store " + from + " → " + to + " events",
                    () -> {
                        int i = n.getAndIncrement();
                        CatalogueTeam.Project p = all.get(i % all.size());
                        String path = team.versionPath(p) + "/images/" + p.imageIds().get((i / all.size()) % p.imageIds().size());
                        return api.request("PATCH", path, Map.of("config", Map.of("environment",
                                List.of(Map.of("key", "FILL", "value", "v" + i)))));
                    }, 204, 0, (int) Math.max(0, to - from), concurrency));
        }
        return results;
    }

    /** Waits until the views applied every Project event of the store (their state before the reset). */
    private static CatalogueStore.Fingerprint waitForViews(CatalogueStore store, long projectEvents, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        CatalogueStore.Fingerprint views = store.fingerprint();
        while (views.eventsApplied() < projectEvents) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("views applied " + views.eventsApplied() + " of " + projectEvents + " events");
            }
            Thread.sleep(POLL.toMillis());
            views = store.fingerprint();
        }
        return views;
    }

    private static Replay replay(HttpClient http, String service, CatalogueStore store, Path data, String processor,
                                 CatalogueStore.Fingerprint before, Duration timeout) throws Exception {
        long events = store.events();
        long projectEvents = store.projectEvents();
        long tokenBytesBefore = store.tokenBytes(processor);
        ServiceProcess process = ServiceProcess.find("project-service", data);
        System.out.println("stopping project-service (pid " + process.pid() + ") ...");
        long stopStart = System.nanoTime();
        process.stop(Duration.ofSeconds(60));
        double stopSeconds = seconds(stopStart);
        long tokens = store.reset(processor);
        System.out.println("deleted " + tokens + " token(s) of " + processor + " and its views; starting project-service ...");
        process.start();
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        double healthy = -1;
        double firstView = -1;
        CatalogueStore.Fingerprint views = store.fingerprint();
        while (!views.equals(before)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not caught up after " + timeout + ": " + views + ", expected " + before);
            }
            Thread.sleep(POLL.toMillis());
            if (healthy < 0 && up(http, service)) {
                healthy = seconds(start);
            }
            views = store.fingerprint();
            if (firstView < 0 && views.projects() > 0) {
                firstView = seconds(start);
            }
        }
        double caughtUp = seconds(start);
        // The launcher does not supervise the restarted process (./wharf down would leave it running):
        // stop it here, the stack is then without project-service until the next ./wharf up.
        System.out.println("caught up; stopping the restarted project-service (pid " + process.pid() + ")");
        long tokenBytesAfter = store.tokenBytes(processor);
        process.stop(Duration.ofSeconds(60));
        if (healthy < 0) {
            healthy = caughtUp;
        }
        double replaying = Math.max(POLL.toMillis() / 1000.0, caughtUp - firstView);
        return new Replay(events, projectEvents, before, stopSeconds, healthy, firstView, caughtUp,
                events / replaying, projectEvents / replaying, tokenBytesBefore, tokenBytesAfter);
    }

    private static boolean up(HttpClient http, String service) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(service + "/actuator/health")).timeout(Duration.ofSeconds(2))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    private static double seconds(long since) {
        return Math.round((System.nanoTime() - since) / 1e7) / 100.0;
    }
}
