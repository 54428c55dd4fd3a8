package io.wharf.launcher;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Stopping processes: SIGTERM, a grace period, then SIGKILL. */
final class Processes {

    /**
     * For the blocking waits (health polling, stopping): one thread each. The common fork-join pool
     * would run only (cores - 1) of them at a time, so a part dying while another is still polled
     * would go unnoticed until that one finishes.
     */
    static final ExecutorService WAITERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "wharf-wait");
        t.setDaemon(true);
        return t;
    });

    private Processes() {
    }

    /** Returns true when the process ended within the grace period (false: it had to be killed). */
    static boolean terminate(ProcessHandle process, Duration grace) {
        if (!process.isAlive()) {
            return true;
        }
        // Children of a JVM (none today) must not outlive it.
        var descendants = process.descendants().toList();
        process.destroy();
        boolean graceful = awaitExit(process, grace);
        if (!graceful) {
            process.destroyForcibly();
            awaitExit(process, Duration.ofSeconds(10));
        }
        descendants.forEach(d -> {
            if (d.isAlive()) {
                d.destroyForcibly();
            }
        });
        return graceful;
    }

    static boolean awaitExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        } catch (ExecutionException e) {
            return !process.isAlive();
        }
    }
}
