package io.wharf.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Nodes of a {@link TeamFixture}'s team (node-service), made through the gateway by a keeper (an admin
 * of its own, so the set-up does not spend the tried roles' rate limits): one node to read and edit,
 * and fresh ones for rows that use one up (delete).
 */
final class TeamNodes {

    private final TeamFixture team;
    private final String keeper;
    private final String nodeId;

    private TeamNodes(TeamFixture team) {
        this.team = team;
        keeper = team.admit("node-keeper-" + TeamFixture.suffix(), "admin");
        awaitKnownToNodeService(team, List.of(keeper));
        nodeId = freshNode();
    }

    static TeamNodes create(TeamFixture team) {
        return new TeamNodes(team);
    }

    /**
     * node-service learns memberships from identity's events over Kafka: wait (polling) until each of
     * {@code roles} lists the team's nodes with 200; the stranger is waited for on their own team.
     */
    static void awaitKnownToNodeService(TeamFixture team, List<String> roles) {
        for (String role : roles) {
            String slug = role.equals("stranger") ? team.strangerSlug() : team.slug();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                    assertThat(team.as(role, "GET", "/api/" + slug + "/nodes", null).status())
                            .as(role + " known to node-service").isEqualTo(200));
        }
    }

    static Map<String, Object> nodeBody() {
        return Map.of("name", "node " + TeamFixture.suffix(), "description", "a system-test node");
    }

    static Map<String, Object> scriptBody() {
        return Map.of("type", "docker", "scriptType", "shell");
    }

    String base() {
        return "/api/" + team.slug() + "/nodes";
    }

    String node() {
        return base() + "/" + nodeId;
    }

    String nodeId() {
        return nodeId;
    }

    String freshNode() {
        Api.Reply reply = team.as(keeper, "POST", base(), nodeBody());
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        JsonNode body = reply.json();
        return body.get("id").asText();
    }

    /** A fresh node with a pending install script (for rows that discard it or revoke its token). */
    String freshNodeWithScript() {
        String id = freshNode();
        Api.Reply reply = team.as(keeper, "POST", base() + "/" + id + "/script", scriptBody());
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return id;
    }

    /** The node as the keeper reads it (for before/after comparisons). */
    String read() {
        Api.Reply reply = team.as(keeper, "GET", node(), null);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.response().body();
    }
}
