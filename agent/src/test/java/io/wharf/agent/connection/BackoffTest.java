package io.wharf.agent.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** RESOURCE_EXHAUSTED (the server's per-address limit of refused connects) makes the agent wait the longest. */
class BackoffTest {

    static final Duration MAX = Duration.ofSeconds(30);

    @Test
    void resourceExhaustedJumpsToTheLongestBackoff() {
        assertThat(AgentClient.backoffAfter(Duration.ofMillis(500), Status.Code.RESOURCE_EXHAUSTED, MAX)).isEqualTo(MAX);
    }

    @Test
    void otherFailuresKeepTheExponentialBackoff() {
        assertThat(AgentClient.backoffAfter(Duration.ofMillis(500), Status.Code.UNAVAILABLE, MAX))
                .isEqualTo(Duration.ofMillis(500));
        assertThat(AgentClient.backoffAfter(Duration.ofSeconds(2), Status.Code.OK, MAX)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void theLogSaysWhy() {
        assertThat(ConnectionFailures.explain(Status.RESOURCE_EXHAUSTED.withDescription("Too many refused connects"), false))
                .contains("RESOURCE_EXHAUSTED").contains("longest backoff");
    }
}
