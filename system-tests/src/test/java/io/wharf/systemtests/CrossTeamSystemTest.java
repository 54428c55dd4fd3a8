package io.wharf.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.launcher.Stack;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Isolation between teams (SPEC §1.4, issue 3), through the gateway: the stranger, a user with a team
 * of their own, tries every route of issue 3 and of the catalogue with the ids of another team, through
 * their own team's slug and through the other team's slug (nodes included). Every answer is 404 NOT_FOUND (never 403:
 * no existence oracle), and afterwards the other team and its catalogue read exactly as before.
 */
@ExtendWith(RunningStack.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossTeamSystemTest {

    private TeamFixture team;
    private TeamCatalogue catalogue;
    private TeamNodes nodes;
    private String ownerTokenId;

    @BeforeAll
    void anotherTeamWithACatalogue(Stack stack) {
        team = TeamFixture.create(new Api(stack.gatewayUrl()), "cross");
        TeamCatalogue.awaitKnownToProjectService(team, List.of("owner", "stranger"));
        catalogue = TeamCatalogue.create(team);
        TeamNodes.awaitKnownToNodeService(team, List.of("stranger"));
        nodes = TeamNodes.create(team);
        Api.Reply token = team.as("owner", "POST", "/api/tokens",
                Map.of("name", "cross " + TeamFixture.suffix(), "expirationInDays", 0));
        assertThat(token.status()).as(token.toString()).isEqualTo(201);
        ownerTokenId = token.json().get("id").asText();
    }

    record Attempt(String method, String path, Supplier<Object> body) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** Issue 3's routes that name the team (or the owner's token) by id, not by slug. */
    private List<Attempt> identityRoutes() {
        return identityRoutes(team.teamId(), team.pendingInvitationId(), ownerTokenId);
    }

    /** The same routes with other ids (random ones: the answers must not tell them apart). */
    private List<Attempt> identityRoutes(String teamId, String invitationId, String tokenId) {
        String t = "/api/teams/" + teamId;
        return List.of(
                new Attempt("GET", t, () -> null),
                new Attempt("PUT", t, () -> Map.of("name", "Taken over " + TeamFixture.suffix(), "slug", team.slug())),
                new Attempt("DELETE", t, () -> null),
                new Attempt("POST", t + "/users", () -> Map.of("email", TeamFixture.email("x"), "firstName", "X")),
                new Attempt("POST", t + "/users/" + invitationId + "/reinvite", () -> null),
                new Attempt("PUT", t + "/users/" + team.userId("user") + "/role", () -> Map.of("role", "admin")),
                new Attempt("PUT", t + "/users/" + team.userId("stranger") + "/role", () -> Map.of("role", "owner")),
                new Attempt("DELETE", t + "/users/" + team.userId("user"), () -> null),
                new Attempt("DELETE", t + "/users/" + invitationId, () -> null),
                new Attempt("DELETE", t + "/users/leave", () -> null),
                new Attempt("POST", "/api/users/me/invitations/" + teamId, () -> null),
                new Attempt("DELETE", "/api/users/me/invitations/" + teamId, () -> null),
                new Attempt("GET", "/api/tokens/" + tokenId, () -> null),
                new Attempt("DELETE", "/api/tokens/" + tokenId, () -> null));
    }

    /**
     * The other team's member and invitation ids sent through the stranger's own team (where the
     * stranger is the owner and may change roles, reinvite and remove): they are not of that team.
     */
    private List<Attempt> foreignIdsInOwnTeam(String strangerTeamId, String userId, String invitationId) {
        String t = "/api/teams/" + strangerTeamId + "/users/";
        return List.of(
                new Attempt("PUT", t + userId + "/role", () -> Map.of("role", "admin")),
                new Attempt("PUT", t + invitationId + "/role", () -> Map.of("role", "user")),
                new Attempt("POST", t + invitationId + "/reinvite", () -> null),
                new Attempt("POST", t + userId + "/reinvite", () -> null),
                new Attempt("DELETE", t + userId, () -> null),
                new Attempt("DELETE", t + invitationId, () -> null));
    }

    private String strangersOwnTeamId() {
        Api.Reply teams = team.as("stranger", "GET", "/api/teams", null);
        assertThat(teams.status()).isEqualTo(200);
        for (var t : teams.json()) {
            if (t.get("slug").asText().equals(team.strangerSlug())) {
                return t.get("id").asText();
            }
        }
        throw new AssertionError("the stranger's team is missing: " + teams);
    }

    private static com.fasterxml.jackson.databind.JsonNode envelope(Api.Reply reply) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = reply.json().deepCopy();
        copy.remove("requestId");
        return copy;
    }

    /**
     * No existence oracle in the words either: for every identity route, the whole envelope but the
     * request id (code, message, field, hint) of a real foreign id equals that of a random id.
     */
    @Test
    void aForeignIdAndARandomIdGetTheSameEnvelope() {
        String random = java.util.UUID.randomUUID().toString();
        List<Attempt> real = new ArrayList<>(identityRoutes());
        List<Attempt> unknown = new ArrayList<>(identityRoutes(random, java.util.UUID.randomUUID().toString(),
                java.util.UUID.randomUUID().toString()));
        String own = strangersOwnTeamId();
        real.addAll(foreignIdsInOwnTeam(own, team.userId("user"), team.pendingInvitationId()));
        unknown.addAll(foreignIdsInOwnTeam(own, java.util.UUID.randomUUID().toString(),
                java.util.UUID.randomUUID().toString()));

        List<String> differences = new ArrayList<>();
        for (int i = 0; i < real.size(); i++) {
            Api.Reply foreign = team.as("stranger", real.get(i).method(), real.get(i).path(), real.get(i).body().get());
            Api.Reply made = team.as("stranger", unknown.get(i).method(), unknown.get(i).path(),
                    unknown.get(i).body().get());
            if (foreign.status() != 404 || made.status() != 404 || !envelope(foreign).equals(envelope(made))) {
                differences.add(real.get(i) + " → " + foreign + " | random → " + made);
            }
        }
        assertThat(differences).as("foreign and random ids answered differently").isEmpty();
    }

    /** The catalogue's routes with the other team's ids, under {@code slug}. */
    private List<Attempt> catalogueRoutes(String slug) {
        TeamCatalogue c = catalogue;
        String base = "/api/" + slug;
        String project = base + "/projects/" + c.projectId();
        String version = project + "/versions/" + c.versionId();
        String image = version + "/images/" + c.imageId();
        String registry = base + "/registries/" + c.registryId();
        String storage = base + "/storages/" + c.storageId();
        String pkg = project + "/packages/" + c.packageId();
        List<Attempt> attempts = new ArrayList<>(List.of(
                new Attempt("GET", registry, () -> null),
                new Attempt("PUT", registry, TeamCatalogue::registryBody),
                new Attempt("DELETE", registry, () -> null),
                new Attempt("GET", registry + "/images", () -> null),
                new Attempt("GET", registry + "/images/demo/busybox/tags", () -> null),
                new Attempt("GET", storage, () -> null),
                new Attempt("PUT", storage, TeamCatalogue::storageBody),
                new Attempt("DELETE", storage, () -> null),
                new Attempt("GET", project, () -> null),
                new Attempt("PUT", project, () -> Map.of("name", "Taken over " + TeamFixture.suffix())),
                new Attempt("POST", project + "/convert", () -> null),
                new Attempt("DELETE", project, () -> null),
                new Attempt("GET", project + "/versions", () -> null),
                new Attempt("POST", project + "/versions", TeamCatalogue::versionBody),
                new Attempt("GET", version, () -> null),
                new Attempt("PUT", version, TeamCatalogue::versionNameBody),
                new Attempt("PUT", version + "/default", () -> null),
                new Attempt("POST", version + "/increase", TeamCatalogue::versionNameBody),
                new Attempt("POST", version + "/publish", () -> null),
                new Attempt("DELETE", version, () -> null),
                new Attempt("GET", version + "/images", () -> null),
                new Attempt("POST", version + "/images", c::imagesBody),
                new Attempt("PUT", version + "/images/order", () -> List.of(c.imageId())),
                new Attempt("GET", image, () -> null),
                new Attempt("PATCH", image, () -> Map.of("tag", "stolen")),
                new Attempt("DELETE", image, () -> null),
                new Attempt("GET", project + "/packages", () -> null),
                new Attempt("POST", project + "/packages", c::packageBody),
                new Attempt("GET", pkg, () -> null),
                new Attempt("PATCH", pkg, () -> Map.of("labels", List.of(Map.of("text", "x", "color", "red")))),
                new Attempt("DELETE", pkg, () -> null)));
        // In their own team the stranger may list and create: only the other team's ids must fail there.
        if (!slug.equals(team.strangerSlug())) {
            attempts.addAll(List.of(
                    new Attempt("GET", base + "/registries", () -> null),
                    new Attempt("POST", base + "/registries", TeamCatalogue::registryBody),
                    new Attempt("GET", base + "/storages", () -> null),
                    new Attempt("GET", base + "/storages/options", () -> null),
                    new Attempt("POST", base + "/storages", TeamCatalogue::storageBody),
                    new Attempt("GET", base + "/projects", () -> null),
                    new Attempt("POST", base + "/projects", () -> TeamCatalogue.projectBody("versioned")),
                    new Attempt("GET", base + "/container-images", () -> null)));
        }
        return attempts;
    }

    /** node-service's routes with the other team's node id, under {@code slug}. */
    private List<Attempt> nodeRoutes(String slug) {
        String node = "/api/" + slug + "/nodes/" + nodes.nodeId();
        List<Attempt> attempts = new ArrayList<>(List.of(
                new Attempt("GET", node, () -> null),
                new Attempt("PUT", node, () -> Map.of("name", "Taken over " + TeamFixture.suffix())),
                new Attempt("DELETE", node, () -> null),
                new Attempt("POST", node + "/script", TeamNodes::scriptBody),
                new Attempt("DELETE", node + "/script", () -> null),
                new Attempt("DELETE", node + "/token", () -> null),
                new Attempt("POST", node + "/update", () -> null),
                new Attempt("GET", node + "/audit?skip=0&take=10", () -> null),
                new Attempt("GET", node + "/containers", () -> null),
                new Attempt("POST", node + "/shop/containers/web/start", () -> null),
                new Attempt("POST", node + "/containers/web/stop", () -> null),
                new Attempt("DELETE", node + "/shop/containers/web", () -> null),
                new Attempt("DELETE", node + "/shop/containers", () -> null)));
        if (!slug.equals(team.strangerSlug())) {
            attempts.addAll(List.of(
                    new Attempt("GET", "/api/" + slug + "/nodes", () -> null),
                    new Attempt("POST", "/api/" + slug + "/nodes", TeamNodes::nodeBody)));
        }
        return attempts;
    }

    /** What the owner and the keeper read of the team and its catalogue. */
    private Map<String, String> snapshot() {
        Map<String, String> seen = new LinkedHashMap<>();
        Api.Reply details = team.as("owner", "GET", "/api/teams/" + team.teamId(), null);
        assertThat(details.status()).isEqualTo(200);
        seen.put("team", details.response().body());
        Api.Reply tokens = team.as("owner", "GET", "/api/tokens", null);
        assertThat(tokens.status()).isEqualTo(200);
        seen.put("tokens", tokens.response().body());
        String base = catalogue.base();
        for (String path : List.of(base + "/registries", base + "/registries/" + catalogue.registryId(),
                base + "/storages", base + "/storages/" + catalogue.storageId(), base + "/projects",
                catalogue.project(), catalogue.project() + "/versions", catalogue.version(),
                catalogue.version() + "/images", catalogue.image(), catalogue.project() + "/packages",
                catalogue.project() + "/packages/" + catalogue.packageId(), base + "/container-images")) {
            seen.put(path, catalogue.read(path));
        }
        seen.put("node", nodes.read());
        return seen;
    }

    @Test
    void theStrangerGetsNotFoundForEveryIdOfTheOtherTeamAndChangesNothing() {
        Map<String, String> before = snapshot();
        List<Attempt> attempts = new ArrayList<>(identityRoutes());
        attempts.addAll(foreignIdsInOwnTeam(strangersOwnTeamId(), team.userId("user"), team.pendingInvitationId()));
        attempts.addAll(catalogueRoutes(team.strangerSlug()));
        attempts.addAll(catalogueRoutes(team.slug()));
        attempts.addAll(nodeRoutes(team.strangerSlug()));
        attempts.addAll(nodeRoutes(team.slug()));

        List<String> leaks = new ArrayList<>();
        for (Attempt attempt : attempts) {
            Api.Reply reply = team.as("stranger", attempt.method(), attempt.path(), attempt.body().get());
            if (reply.status() != 404 || !"NOT_FOUND".equals(reply.json().path("code").asText())) {
                leaks.add(attempt + " → " + reply);
            }
        }

        assertThat(leaks).as("answers other than 404 NOT_FOUND").isEmpty();
        assertThat(snapshot()).as("the other team after the attempts").isEqualTo(before);
    }
}
