package io.wharf.node.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.common.test.InProcessMongo;
import io.wharf.node.support.NodeServiceInstance;
import io.wharf.node.support.NodeServiceInstance.Answer;
import io.wharf.node.support.NodeServiceInstance.Person;
import io.wharf.node.support.NodeServiceInstance.Team;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The node routes over real HTTP through the real command path (Mongo event store, views, Kafka):
 * shapes of seed 003, status codes and envelopes, roles, team isolation and read-your-writes.
 */
class NodeApiTest {

    static NodeServiceInstance node;

    @BeforeAll
    static void start() {
        node = NodeServiceInstance.start(InProcessMongo.freshDatabase(NodeApiTest.class));
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    private static String nodes(Team team) {
        return "/api/" + team.slug() + "/nodes";
    }

    @Test
    void createsANodeWithLocationAndTheListShapeAndReadsItBackAtOnce() {
        Team team = node.team();
        Answer created = node.call("POST", nodes(team), """
                {"name":"edge-1","description":"the edge","icon":"cloud"}""", team.admin());

        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        JsonNode body = created.body();
        String id = body.path("id").asText();
        assertThat(created.header("Location")).isEqualTo("/api/" + team.slug() + "/nodes/" + id);
        assertThat(body.path("name").asText()).isEqualTo("edge-1");
        assertThat(body.path("description").asText()).isEqualTo("the edge");
        assertThat(body.path("icon").asText()).isEqualTo("cloud");
        assertThat(body.path("type").asText()).isEqualTo("docker");
        assertThat(body.path("status").asText()).isEqualTo("unreachable");
        assertThat(body.path("updating").asBoolean()).isFalse();
        assertThat(body.has("address")).isTrue();
        assertThat(body.has("connectedAt")).isTrue();
        assertThat(body.has("version")).isTrue();

        Answer details = node.call("GET", nodes(team) + "/" + id, null, team.user());
        assertThat(details.status()).isEqualTo(200);
        assertThat(details.body().path("hasToken").asBoolean()).isFalse();
        assertThat(details.body().path("inUse").asBoolean()).isFalse();
        assertThat(details.body().path("install").isNull()).isTrue();
        assertThat(node.call("GET", nodes(team), null, team.user()).body())
                .extracting(n -> n.path("id").asText()).containsExactly(id);
    }

    @Test
    void namesAreUniquePerTeamWhateverTheCase() {
        Team team = node.team();
        Team other = node.team();
        node.createNode(team, "prod");

        Answer taken = node.call("POST", nodes(team), "{\"name\":\"PROD\"}", team.admin());
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.code()).isEqualTo("CONFLICT");
        assertThat(taken.field()).isEqualTo("name");
        assertThat(node.call("GET", nodes(team), null, team.admin()).body()).hasSize(1);
        // another team may use it
        assertThat(node.call("POST", nodes(other), "{\"name\":\"prod\"}", other.admin()).status()).isEqualTo(201);
        // renaming onto a taken name is refused too, renaming back and forth works
        String staging = node.createNode(team, "staging");
        assertThat(node.call("PUT", nodes(team) + "/" + staging, "{\"name\":\"Prod\"}", team.admin()).status())
                .isEqualTo(409);
        assertThat(node.call("PUT", nodes(team) + "/" + staging, "{\"name\":\"stage\",\"description\":\"d\"}",
                team.admin()).status()).isEqualTo(204);
        JsonNode renamed = node.call("GET", nodes(team) + "/" + staging, null, team.user()).body();
        assertThat(renamed.path("name").asText()).isEqualTo("stage");
        assertThat(renamed.path("description").asText()).isEqualTo("d");
        // the old name is free again
        assertThat(node.call("POST", nodes(team), "{\"name\":\"staging\"}", team.admin()).status()).isEqualTo(201);
    }

    @Test
    void badInputIsRefusedWithTheFieldAndNothingIsStored() {
        Team team = node.team();
        record Case(String body, String field) {
        }
        for (Case c : List.of(new Case("{}", "name"), new Case("{\"name\":\"  \"}", "name"),
                new Case("{\"name\":\"" + "x".repeat(71) + "\"}", "name"),
                new Case("{\"name\":\"a\",\"colour\":\"red\"}", "colour"),
                new Case("{\"name\":\"a\",\"description\":\"" + "d".repeat(501) + "\"}", "description"))) {
            Answer refused = node.call("POST", nodes(team), c.body(), team.admin());
            assertThat(refused.status()).as(c.body()).isEqualTo(400);
            assertThat(refused.code()).isEqualTo("VALIDATION_ERROR");
            assertThat(refused.field()).as(c.body()).isEqualTo(c.field());
        }
        assertThat(node.call("GET", nodes(team), null, team.admin()).body()).isEmpty();
        assertThat(node.call("GET", nodes(team) + "/not-a-uuid", null, team.admin()).status()).isEqualTo(400);
    }

    @Test
    void writesNeedAdminAndReadsNeedMembership() {
        Team team = node.team();
        String id = node.createNode(team, "roles");
        Answer asUser = node.call("POST", nodes(team), "{\"name\":\"x\"}", team.user());
        assertThat(asUser.status()).isEqualTo(403);
        assertThat(asUser.code()).isEqualTo("FORBIDDEN_ROLE");
        for (String[] write : List.of(new String[]{"PUT", "/" + id, "{\"name\":\"y\"}"},
                new String[]{"DELETE", "/" + id, null},
                new String[]{"POST", "/" + id + "/script", "{\"type\":\"docker\",\"scriptType\":\"shell\"}"},
                new String[]{"DELETE", "/" + id + "/script", null},
                new String[]{"DELETE", "/" + id + "/token", null},
                new String[]{"POST", "/" + id + "/update", null})) {
            assertThat(node.call(write[0], nodes(team) + write[1], write[2], team.user()).status())
                    .as(write[0] + " " + write[1]).isEqualTo(403);
        }
        assertThat(node.call("POST", nodes(team), "{\"name\":\"by-owner\"}", team.owner()).status()).isEqualTo(201);
        assertThat(node.call("GET", nodes(team), null, null).status()).isEqualTo(401);
    }

    @Test
    void strangersAndOtherTeamsGetTheSame404() {
        Team team = node.team();
        Team other = node.team();
        String id = node.createNode(team, "private");
        Person stranger = Person.random("stranger");

        Answer unknownTeam = node.call("GET", "/api/no-such-team/nodes", null, team.admin());
        Answer notMember = node.call("GET", nodes(team), null, stranger);
        assertThat(unknownTeam.status()).isEqualTo(404);
        assertThat(notMember.status()).isEqualTo(404);
        assertThat(notMember.body().path("message")).isEqualTo(unknownTeam.body().path("message"));
        // the node id through the other team's slug: 404 on every route, nothing changes
        for (String[] route : List.of(new String[]{"GET", "/" + id, null},
                new String[]{"PUT", "/" + id, "{\"name\":\"stolen\"}"},
                new String[]{"DELETE", "/" + id, null},
                new String[]{"POST", "/" + id + "/script", "{\"type\":\"docker\",\"scriptType\":\"shell\"}"},
                new String[]{"DELETE", "/" + id + "/token", null},
                new String[]{"GET", "/" + id + "/audit?skip=0&take=10", null},
                new String[]{"GET", "/" + id + "/containers", null},
                new String[]{"POST", "/" + id + "/shop/containers/web/start", null})) {
            Answer answer = node.call(route[0], nodes(other) + route[1], route[2], other.admin());
            assertThat(answer.status()).as(route[0] + " " + route[1]).isEqualTo(404);
            assertThat(answer.code()).isEqualTo("NOT_FOUND");
        }
        assertThat(node.call("GET", nodes(team) + "/" + id, null, team.user()).body().path("name").asText())
                .isEqualTo("private");
    }

    @Test
    void editingAnotherTeamsNodeIs404BeforeAnyNameIsClaimed() {
        Team a = node.team();
        Team b = node.team();
        String ofA = node.createNode(a, "of-a");
        String ofB = node.createNode(b, "taken");
        // B's admin edits A's node with a name B already has: 404 (not 409, which would reveal B's names to no one
        // but would still claim and race), and nothing changes on either side
        Answer answer = node.call("PUT", nodes(b) + "/" + ofA, "{\"name\":\"taken\"}", b.admin());
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.code()).isEqualTo("NOT_FOUND");
        Answer fresh = node.call("PUT", nodes(b) + "/" + ofA, "{\"name\":\"fresh\"}", b.admin());
        assertThat(fresh.status()).isEqualTo(404);
        assertThat(node.createNode(b, "fresh")).as("the name was never claimed in B").isNotBlank();
        assertThat(node.call("GET", nodes(a) + "/" + ofA, null, a.user()).body().path("name").asText()).isEqualTo("of-a");
        assertThat(node.call("GET", nodes(b) + "/" + ofB, null, b.user()).body().path("name").asText()).isEqualTo("taken");
    }

    @Test
    void containerNamesAreCheckedAfterAccessAndRefusalsAreAudited() {
        Team team = node.team();
        Team other = node.team();
        String id = node.createNode(team, "names");
        Person stranger = Person.random("stranger");
        String bad = nodes(team) + "/" + id + "/shop/containers/a..b/start";
        assertThat(node.call("POST", bad, null, stranger).status()).as("non-member").isEqualTo(404);
        assertThat(node.call("POST", nodes(other) + "/" + id + "/shop/containers/a..b/start", null, other.admin())
                .status()).as("another team's node").isEqualTo(404);
        assertThat(node.call("POST", nodes(team) + "/" + id + "/a..b/containers", null, stranger).status()).isEqualTo(404);
        assertThat(node.call("DELETE", nodes(team) + "/" + id + "/a..b/containers", null, team.user()).status())
                .as("a plain user").isEqualTo(403);

        Answer refused = node.call("POST", bad, null, team.admin());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("VALIDATION_ERROR");
        assertThat(refused.field()).isEqualTo("name");
        Answer badPrefix = node.call("DELETE", nodes(team) + "/" + id + "/a..b/containers", null, team.admin());
        assertThat(badPrefix.field()).isEqualTo("prefix");

        // an encoded slash reaches the check (Tomcat passes %2F through) and gets the §1.2 envelope
        Answer slash = node.call("POST", nodes(team) + "/" + id + "/shop/containers/a%2Fb/stop", null, team.admin());
        assertThat(slash.status()).isEqualTo(400);
        assertThat(slash.header("Content-Type")).contains("json");
        assertThat(slash.code()).isEqualTo("VALIDATION_ERROR");
        assertThat(slash.field()).isEqualTo("name");
        assertThat(slash.body().path("requestId").asText()).isNotBlank();
        Answer slashPrefix = node.call("DELETE", nodes(team) + "/" + id + "/a%2Fb/containers/web", null, team.admin());
        assertThat(slashPrefix.status()).isEqualTo(400);
        assertThat(slashPrefix.field()).isEqualTo("prefix");

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> {
            List<String> outcomes = new java.util.ArrayList<>();
            node.call("GET", nodes(team) + "/" + id + "/audit?skip=0&take=100", null, team.user()).body().path("items")
                    .forEach(i -> outcomes.add(i.path("data").path("operation").asText() + ":"
                            + i.path("data").path("outcome").asText()));
            return outcomes.equals(List.of("deleteContainer:VALIDATION_ERROR", "stopContainer:VALIDATION_ERROR",
                    "deleteContainers:VALIDATION_ERROR", "startContainer:VALIDATION_ERROR"));
        });
    }

    @Test
    void concurrentScriptRequestsServeTheTokenTheNodeExpects() throws Exception {
        Team team = node.team();
        String id = node.createNode(team, "racing");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            List<java.util.concurrent.Future<Answer>> posts = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                posts.add(pool.submit(() -> node.call("POST", nodes(team) + "/" + id + "/script",
                        "{\"type\":\"docker\",\"scriptType\":\"shell\"}", team.admin())));
            }
            for (var post : posts) {
                assertThat(post.get(60, java.util.concurrent.TimeUnit.SECONDS).status()).isEqualTo(201);
            }
        } finally {
            pool.shutdownNow();
        }
        String command = node.call("GET", nodes(team) + "/" + id, null, team.admin()).body().path("install")
                .path("command").asText();
        Answer served = node.call("GET", NodeServiceInstance.scriptPathOf(command), null, null);
        var matcher = java.util.regex.Pattern.compile("WHARF_TOKEN='(wit\\.[^']+)'").matcher(served.raw().body());
        assertThat(matcher.find()).isTrue();
        try (var agent = io.wharf.node.support.RawAgent.connect(node.agentAddress(), matcher.group(1))) {
            var first = agent.next();
            assertThat(first.hasWelcome()).as("the served script holds the valid token: " + first).isTrue();
        }
    }

    @Test
    void deletesANodeAndFreesItsName() {
        Team team = node.team();
        String id = node.createNode(team, "gone");
        assertThat(node.call("DELETE", nodes(team) + "/" + id, null, team.admin()).status()).isEqualTo(204);
        assertThat(node.call("GET", nodes(team) + "/" + id, null, team.admin()).status()).isEqualTo(404);
        assertThat(node.call("DELETE", nodes(team) + "/" + id, null, team.admin()).status()).isEqualTo(404);
        assertThat(node.call("GET", nodes(team), null, team.admin()).body()).isEmpty();
        assertThat(node.call("POST", nodes(team), "{\"name\":\"gone\"}", team.admin()).status()).isEqualTo(201);
    }

    @Test
    void theInstallScriptIsPublicWhileValidAndCanBeDiscarded() {
        Team team = node.team();
        String id = node.createNode(team, "install me");
        Answer script = node.call("POST", nodes(team) + "/" + id + "/script", """
                {"type":"docker","scriptType":"shell","rootPath":"/srv/wharf","dagentTraefik":{"acmeEmail":"ops@example.com"}}""",
                team.admin());
        assertThat(script.status()).as(script.raw().body()).isEqualTo(201);
        String command = script.body().path("command").asText();
        assertThat(command).matches("curl -sL 'http://127\\.0\\.0\\.1:8080/api/" + team.slug() + "/nodes/" + id
                + "/script\\?key=[A-Za-z0-9_-]{43}' \\| sh -");
        String publicPath = NodeServiceInstance.scriptPathOf(command);
        Instant expireAt = Instant.parse(script.body().path("expireAt").asText());
        assertThat(Duration.between(Instant.now(), expireAt)).isBetween(Duration.ofMinutes(9), Duration.ofMinutes(10));
        String text = script.body().path("script").asText();
        assertThat(text).startsWith("#!/bin/sh").contains("WHARF_TOKEN='wit." + id + ".")
                .contains("ROOT_PATH='/srv/wharf'").contains("WHARF_TRAEFIK_ACME_EMAIL='ops@example.com'")
                .contains("WHARF_NODE_NAME='install-me'");

        JsonNode details = node.call("GET", nodes(team) + "/" + id, null, team.admin()).body();
        assertThat(details.path("install").path("script").asText()).isEqualTo(text);
        assertThat(node.call("GET", nodes(team) + "/" + id, null, team.user()).body().path("install").isNull())
                .as("a plain user never sees the install token").isTrue();
        assertThat(details.path("type").asText()).isEqualTo("docker");

        assertThat(details.path("install").path("command").asText()).isEqualTo(command);
        Answer publicScript = node.call("GET", publicPath, null, null);
        assertThat(publicScript.status()).isEqualTo(200);
        assertThat(publicScript.header("Content-Type")).startsWith("text/plain");
        assertThat(publicScript.raw().body()).isEqualTo(text);
        assertThat(node.call("GET", publicPath.replace("/api/" + team.slug() + "/", "/api/other-team/"), null, null)
                .status()).isEqualTo(401);
        // whoever knows the node id (lists, audit, events, logs) but not the key gets nothing: the same 401
        String key = publicPath.substring(publicPath.indexOf("?key=") + 5);
        String wrongKey = (key.charAt(0) == 'A' ? "B" : "A") + key.substring(1);
        for (Person caller : new Person[]{null, team.user(), team.admin()}) {
            for (String path : List.of(nodes(team) + "/" + id + "/script", nodes(team) + "/" + id + "/script?key=",
                    nodes(team) + "/" + id + "/script?key=" + wrongKey)) {
                Answer refused = node.call("GET", path, null, caller);
                assertThat(refused.status()).as(path).isEqualTo(401);
                assertThat(refused.code()).isEqualTo("UNAUTHORIZED");
                assertThat(refused.raw().body()).doesNotContain("WHARF_TOKEN");
            }
        }
        // the key is not kept in plaintext: only its hash, and the command (which carries it) sealed
        org.bson.Document stored = node.bean(com.mongodb.client.MongoDatabase.class).getCollection("node_installs")
                .find(com.mongodb.client.model.Filters.eq("_id", id)).first();
        assertThat(stored.toJson()).doesNotContain(key);
        assertThat(stored.getString("keyHash")).isEqualTo(io.wharf.node.agent.AgentTokens.hash(key));

        // a new script replaces the old token
        Answer again = node.call("POST", nodes(team) + "/" + id + "/script",
                "{\"type\":\"k8s\",\"scriptType\":\"shell\"}", team.admin());
        assertThat(again.body().path("script").asText()).contains("kubectl apply").doesNotContain(text.substring(0, 0) + "ROOT_PATH");
        assertThat(node.call("GET", nodes(team) + "/" + id, null, team.user()).body().path("type").asText()).isEqualTo("k8s");

        String k8sPath = NodeServiceInstance.scriptPathOf(again.body().path("command").asText());
        assertThat(node.call("GET", publicPath, null, null).status()).as("the replaced script's key").isEqualTo(401);
        assertThat(node.call("GET", k8sPath, null, null).status()).isEqualTo(200);

        assertThat(node.call("DELETE", nodes(team) + "/" + id + "/script", null, team.admin()).status()).isEqualTo(204);
        Answer afterDiscard = node.call("GET", k8sPath, null, null);
        assertThat(afterDiscard.status()).isEqualTo(401);
        assertThat(afterDiscard.code()).isEqualTo("UNAUTHORIZED");
        assertThat(node.call("DELETE", nodes(team) + "/" + id + "/script", null, team.admin()).status()).isEqualTo(404);
        assertThat(node.call("GET", nodes(team) + "/" + id, null, team.user()).body().path("install").isNull()).isTrue();
    }

    @Test
    void scriptRequestsAreValidated() {
        Team team = node.team();
        String id = node.createNode(team, "validate");
        record Case(String body, String field) {
        }
        for (Case c : List.of(new Case("{\"scriptType\":\"shell\"}", "type"),
                new Case("{\"type\":\"podman\",\"scriptType\":\"shell\"}", "type"),
                new Case("{\"type\":\"docker\",\"scriptType\":\"bash\"}", "scriptType"),
                new Case("{\"type\":\"k8s\",\"scriptType\":\"powershell\"}", "scriptType"),
                new Case("{\"type\":\"docker\",\"scriptType\":\"shell\",\"dagentTraefik\":{\"acmeEmail\":\"nope\"}}",
                        "dagentTraefik.acmeEmail"),
                new Case("{\"type\":\"docker\",\"scriptType\":\"shell\",\"rootPath\":\"a\\nb\"}", "rootPath"))) {
            Answer refused = node.call("POST", nodes(team) + "/" + id + "/script", c.body(), team.admin());
            assertThat(refused.status()).as(c.body()).isEqualTo(400);
            assertThat(refused.field()).as(c.body()).isEqualTo(c.field());
        }
        assertThat(node.call("GET", nodes(team) + "/" + id + "/script", null, null).status()).isEqualTo(401);
    }

    @Test
    void tokenRevokeUpdateAndAuditAnswerForANodeWithoutAgent() {
        Team team = node.team();
        String id = node.createNode(team, "idle");
        Answer noToken = node.call("DELETE", nodes(team) + "/" + id + "/token", null, team.admin());
        assertThat(noToken.status()).isEqualTo(404);
        Answer offline = node.call("POST", nodes(team) + "/" + id + "/update", null, team.admin());
        assertThat(offline.status()).isEqualTo(412);
        assertThat(offline.code()).isEqualTo("PRECONDITION_FAILED");
        Answer containers = node.call("GET", nodes(team) + "/" + id + "/containers", null, team.user());
        assertThat(containers.status()).isEqualTo(412);
        assertThat(containers.body().path("message").asText()).isEqualTo("Node is unreachable.");

        Answer audit = node.call("GET", nodes(team) + "/" + id + "/audit?skip=0&take=10", null, team.user());
        assertThat(audit.status()).isEqualTo(200);
        assertThat(audit.body().path("total").asLong()).isZero();
        assertThat(audit.body().path("items")).isEmpty();
        assertThat(node.call("GET", nodes(team) + "/" + id + "/audit?skip=0&take=0", null, team.user()).field())
                .isEqualTo("take");
        assertThat(node.call("GET", nodes(team) + "/" + id + "/audit?skip=-1&take=5", null, team.user()).field())
                .isEqualTo("skip");
        assertThat(node.call("GET", nodes(team) + "/" + id + "/audit?take=5", null, team.user()).status()).isEqualTo(400);
        assertThat(node.call("GET", nodes(team) + "/" + id + "/audit?skip=0&take=5&from=yesterday", null, team.user())
                .status()).isEqualTo(400);
    }
}
