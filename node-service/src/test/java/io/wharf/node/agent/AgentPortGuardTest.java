package io.wharf.node.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.Status;
import io.wharf.common.test.InProcessMongo;
import io.wharf.node.support.NodeServiceInstance;
import io.wharf.node.support.NodeServiceInstance.Team;
import io.wharf.node.support.RawAgent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The internet-facing agent port's guards: a stream without Hello is ended, an address with too many
 * refused connects gets RESOURCE_EXHAUSTED, and refusals are audited coalesced (one entry per node and
 * reason per window, with a count). The loopback peer is a trusted proxy here, so each test speaks
 * from addresses of its own through {@code x-forwarded-for}.
 */
class AgentPortGuardTest {

    static NodeServiceInstance node;
    static final AtomicInteger addresses = new AtomicInteger();

    @BeforeAll
    static void start() {
        node = NodeServiceInstance.start(InProcessMongo.freshDatabase(AgentPortGuardTest.class),
                "--wharf.node.grpc.hello-timeout=1s", "--wharf.node.grpc.failed-connects.burst=3",
                "--wharf.node.grpc.failed-connects.per-minute=1", "--wharf.node.grpc.refusal-window=2s",
                "--wharf.node.grpc.trusted-proxies=127.0.0.1");
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    private static String freshAddress() {
        int n = addresses.incrementAndGet();
        return "198.51.100." + n;
    }

    private static RawAgent from(String address, String token) {
        return RawAgent.connect(node.agentAddress(), token, RawAgent.hello("0.1.0"), Map.of("x-forwarded-for", address),
                null);
    }

    private static List<JsonNode> refused(Team team, String nodeId) {
        List<JsonNode> items = new ArrayList<>();
        node.call("GET", "/api/" + team.slug() + "/nodes/" + nodeId + "/audit?skip=0&take=100", null, team.user()).body()
                .path("items").forEach(i -> {
                    if (i.path("event").asText().equals("refused")) {
                        items.add(i.path("data"));
                    }
                });
        return items;
    }

    @Test
    void aStreamWithoutHelloIsEndedAfterTheDeadline() throws Exception {
        long started = System.nanoTime();
        try (RawAgent silent = RawAgent.connectWithoutHello(node.agentAddress(), "wnt.whatever",
                Map.of("x-forwarded-for", freshAddress()))) {
            Status status = silent.end();
            assertThat(status.getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
            assertThat(status.getDescription()).contains("No Hello");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(900),
                    Duration.ofSeconds(8));
        }
    }

    @Test
    void anAddressWithTooManyRefusedConnectsIsToldToBackOffOthersAreNot() throws Exception {
        Team team = node.team();
        String nodeId = node.createNode(team, "guarded");
        String flooder = freshAddress();
        String bad = "wnt." + nodeId + "." + "B".repeat(43);
        for (int i = 0; i < 3; i++) {
            try (RawAgent agent = from(flooder, bad)) {
                assertThat(agent.end().getCode()).as("attempt " + i).isEqualTo(Status.Code.UNAUTHENTICATED);
            }
        }
        try (RawAgent agent = from(flooder, bad)) {
            Status status = agent.end();
            assertThat(status.getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        }
        // the bucket is empty even for a valid token from that address: nothing is looked up
        String install = node.installToken(team, nodeId);
        try (RawAgent agent = from(flooder, install)) {
            assertThat(agent.end().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        }
        // another address is not affected, and a valid connect costs nothing
        try (RawAgent agent = from(freshAddress(), install)) {
            assertThat(agent.next().hasWelcome()).isTrue();
        }
    }

    @Test
    void refusalsAreAuditedOncePerNodeAndReasonPerWindowWithACount() throws Exception {
        Team team = node.team();
        String nodeId = node.createNode(team, "coalesced");
        String bad = "wnt." + nodeId + "." + "C".repeat(43);
        for (int i = 0; i < 3; i++) {
            try (RawAgent agent = from(freshAddress(), bad)) {
                assertThat(agent.end().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> refused(team, nodeId).size() == 1);
        assertThat(refused(team, nodeId).get(0).path("count").asInt()).isEqualTo(1);
        // every attempt is answered; the next entry after the window stands for the ones counted meanwhile
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500)).until(() -> {
            try (RawAgent agent = from(freshAddress(), bad)) {
                assertThat(agent.end().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
            }
            return refused(team, nodeId).size() == 2;
        });
        List<JsonNode> entries = refused(team, nodeId);
        assertThat(entries.get(0).path("count").asInt()).as("newest first: 2 counted in the window + itself")
                .isGreaterThanOrEqualTo(3);
        assertThat(entries.get(0).path("reason").asText()).isEqualTo("unknown or revoked node token");
        // another reason has its own entry at once
        try (RawAgent agent = from(freshAddress(), "wit." + nodeId + "." + "D".repeat(43))) {
            assertThat(agent.end().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> refused(team, nodeId).size() == 3);
    }
}
