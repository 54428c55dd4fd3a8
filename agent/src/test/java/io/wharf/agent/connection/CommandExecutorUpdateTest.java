package io.wharf.agent.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.agent.protocol.v1.Command;
import io.wharf.agent.protocol.v1.CommandResult;
import io.wharf.agent.protocol.v1.Update;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Update is acknowledged at once and the successor is pulled/started in the background: a pull that
 * takes longer than node-service waits for an answer must not turn into a failed (or missing) answer.
 */
class CommandExecutorUpdateTest {

    final ExecutorService background = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        background.shutdownNow();
    }

    private static Command update(String tag, int timeoutSeconds) {
        return Command.newBuilder().setRequestId("r1")
                .setUpdate(Update.newBuilder().setTag(tag).setTimeoutSeconds(timeoutSeconds)).build();
    }

    @Test
    void aSlowUpdateIsAcknowledgedBeforeItEnds() throws Exception {
        CountDownLatch pullMayEnd = new CountDownLatch(1);
        CountDownLatch updated = new CountDownLatch(1);
        AtomicReference<String> asked = new AtomicReference<>();
        SelfUpdater slowPull = new SelfUpdater() {
            @Override
            public void check() {
            }

            @Override
            public void update(String tag, int timeoutSeconds) {
                asked.set(tag + "/" + timeoutSeconds);
                try {
                    pullMayEnd.await(); // a pull of minutes
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                updated.countDown();
            }
        };
        CommandExecutor executor = new CommandExecutor(null, slowPull, background);

        long started = System.nanoTime();
        CommandResult result = executor.execute(update("0.2.0", 300), false);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        assertThat(result.getError()).isEqualTo(CommandResult.Error.NONE);
        assertThat(result.getRequestId()).isEqualTo("r1");
        assertThat(updated.getCount()).as("still pulling when acknowledged").isEqualTo(1);

        pullMayEnd.countDown();
        assertThat(updated.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(asked.get()).isEqualTo("0.2.0/300");
    }

    @Test
    void anAgentThatCannotUpdateSaysSoAtOnce() {
        CommandResult result = new CommandExecutor(null, SelfUpdater.UNSUPPORTED, background)
                .execute(update("0.2.0", 300), false);
        assertThat(result.getError()).isEqualTo(CommandResult.Error.FAILED);
        assertThat(result.getMessage()).contains("cannot update itself");
    }

    @Test
    void anOutdatedAgentStillAcceptsUpdate() {
        CountDownLatch updated = new CountDownLatch(1);
        SelfUpdater quick = new SelfUpdater() {
            @Override
            public void check() {
            }

            @Override
            public void update(String tag, int timeoutSeconds) {
                updated.countDown();
            }
        };
        assertThat(new CommandExecutor(null, quick, background).execute(update("0.2.0", 300), true).getError())
                .isEqualTo(CommandResult.Error.NONE);
    }
}
