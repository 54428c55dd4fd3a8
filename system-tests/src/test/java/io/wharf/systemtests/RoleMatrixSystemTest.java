package io.wharf.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.launcher.Stack;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SPEC §1.4's role matrix as a table, through the gateway: every row is one action on one team,
 * tried by a stranger (a user of another team), a plain user, an admin and the owner, each with the
 * status SPEC says. Rows run in table order (the owner's team delete is last), each role in the
 * order stranger → user → admin → owner, so a refused attempt is always tried before an allowed one
 * could change the state it depends on. A stranger must get 404 everywhere: no existence oracle.
 * Team routes (identity) come first, then project-service's catalogue routes ({@link TeamCatalogue}),
 * then node-service's ({@link TeamNodes}), then the team's deletion.
 */
@ExtendWith(RunningStack.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoleMatrixSystemTest {

    private static final List<String> ROLES = List.of("stranger", "user", "admin", "owner");

    private TeamFixture team;
    private TeamCatalogue catalogue;
    private TeamNodes nodes;

    @BeforeAll
    void aTeamWithOneMemberOfEachRole(Stack stack) {
        team = TeamFixture.create(new Api(stack.gatewayUrl()), "matrix");
        // project-service knows members only once identity's events reached it over Kafka.
        TeamCatalogue.awaitKnownToProjectService(team, List.of("owner", "admin", "user", "spare", "stranger"));
        catalogue = TeamCatalogue.create(team);
        TeamNodes.awaitKnownToNodeService(team, List.of("owner", "admin", "user", "stranger"));
        nodes = TeamNodes.create(team);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("teamRoutes")
    void everyRoleGetsWhatSpecSays(Row row) {
        List<String> mismatches = new ArrayList<>();
        for (String role : ROLES) {
            Integer expected = row.expected().get(role);
            if (expected == null) {
                continue;
            }
            Api.Reply reply = team.as(role, row.method(), row.path().apply(team), row.body().apply(team));
            if (reply.status() != expected) {
                mismatches.add(role + ": expected " + expected + ", got " + reply);
            } else if (expected == 404) {
                assertThat(reply.json().get("code").asText()).as(role + " " + row).isEqualTo("NOT_FOUND");
            } else if (expected == 403) {
                assertThat(reply.json().get("code").asText()).as(role + " " + row).isEqualTo("FORBIDDEN_ROLE");
            }
        }
        assertThat(mismatches).as(row.name()).isEmpty();
    }

    /**
     * Rows that change who is in the team or who owns it, on a team of their own (the table's team
     * must keep its members and owner): ownership transfer (SPEC §1.4: the owner only; the old owner
     * becomes admin) and leaving (any member but the owner: 412).
     */
    @Test
    void ownershipTransferAndLeaving(Stack stack) {
        TeamFixture other = TeamFixture.create(new Api(stack.gatewayUrl()), "handover");
        String team = "/api/teams/" + other.teamId();
        String spareToOwner = team + "/users/" + other.userId("spare") + "/role";

        expect(404, other.as("stranger", "PUT", spareToOwner, Map.of("role", "owner")));
        expect(403, other.as("user", "PUT", spareToOwner, Map.of("role", "owner")));
        expect(403, other.as("admin", "PUT", spareToOwner, Map.of("role", "owner")));
        expect(204, other.as("owner", "PUT", spareToOwner, Map.of("role", "owner")));
        Api.Reply details = other.as("spare", "GET", team, null);
        expect(200, details);
        Map<String, String> roles = new LinkedHashMap<>();
        details.json().get("users").forEach(u -> roles.put(u.get("id").asText(), u.get("role").asText()));
        assertThat(roles).containsEntry(other.userId("spare"), "owner").containsEntry(other.userId("owner"), "admin");
        assertThat(roles.values()).as("exactly one owner").containsOnlyOnce("owner");
        // the old owner is an admin now: no more owner's rights; the new owner has them
        expect(403, other.as("owner", "PUT", team + "/users/" + other.userId("owner") + "/role", Map.of("role", "owner")));
        expect(403, other.as("owner", "DELETE", team, null));

        // leaving: a user and an admin may (and are strangers afterwards), the owner may not
        expect(404, other.as("stranger", "DELETE", team + "/users/leave", null));
        expect(204, other.as("user", "DELETE", team + "/users/leave", null));
        expect(404, other.as("user", "GET", team, null));
        expect(204, other.as("admin", "DELETE", team + "/users/leave", null));
        expect(404, other.as("admin", "GET", team, null));
        expect(412, other.as("spare", "DELETE", team + "/users/leave", null));
        expect(200, other.as("spare", "GET", team, null));
        expect(204, other.as("spare", "DELETE", team, null));
    }

    private static void expect(int status, Api.Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        if (status == 404) {
            assertThat(reply.json().get("code").asText()).isEqualTo("NOT_FOUND");
        } else if (status == 403) {
            assertThat(reply.json().get("code").asText()).isEqualTo("FORBIDDEN_ROLE");
        } else if (status == 412) {
            assertThat(reply.json().get("code").asText()).isEqualTo("PRECONDITION_FAILED");
        }
    }

    Stream<Row> teamRoutes() {
        return Stream.of(
                Stream.of(row("read the team", "GET", t -> "/api/teams/" + t.teamId(), t -> null, 404, 200, 200, 200),
                row("read users/me", "GET", t -> "/api/users/me", t -> null, 200, 200, 200, 200),
                row("rename the team", "PUT", t -> "/api/teams/" + t.teamId(),
                        t -> Map.of("name", "Matrix " + TeamFixture.suffix(), "slug", t.slug()), 404, 403, 204, 204),
                row("invite", "POST", t -> "/api/teams/" + t.teamId() + "/users",
                        t -> Map.of("email", TeamFixture.email("invitee"), "firstName", "Invitee"), 404, 403, 201, 201),
                row("reinvite", "POST", t -> "/api/teams/" + t.teamId() + "/users/" + t.pendingInvitationId() + "/reinvite",
                        t -> null, 404, 403, 204, 204),
                row("make a member a user", "PUT", t -> "/api/teams/" + t.teamId() + "/users/" + t.userId("spare") + "/role",
                        t -> Map.of("role", "user"), 404, 403, 204, 204),
                row("grant admin", "PUT", t -> "/api/teams/" + t.teamId() + "/users/" + t.userId("spare") + "/role",
                        t -> Map.of("role", "admin"), 404, 403, 403, 204),
                row("demote the owner", "PUT", t -> "/api/teams/" + t.teamId() + "/users/" + t.userId("owner") + "/role",
                        t -> Map.of("role", "user"), 404, 403, 403, 412),
                row("remove a member", "DELETE", t -> "/api/teams/" + t.teamId() + "/users/" + t.freshMember(),
                        t -> null, 404, 403, 204, 204),
                row("remove the owner", "DELETE", t -> "/api/teams/" + t.teamId() + "/users/" + t.userId("owner"),
                        t -> null, 404, 403, 412, 412),
                leaveRow()),
                catalogueRows(),
                nodeRows(),
                Stream.of(
                row("delete the team", "DELETE", t -> "/api/teams/" + t.teamId(), t -> null, 404, 403, 403, 204)))
                .flatMap(rows -> rows);
    }

    /**
     * project-service's routes: registries and storages are admin+ to write and user+ to read;
     * projects, versions, images and packages are user+ to write, except a privileged image config
     * (admin+). Rows that use an object up (delete, increase, publish, convert) get a fresh one per try.
     */
    private Stream<Row> catalogueRows() {
        TeamCatalogue c = catalogue;
        return Stream.of(
                row("list registries", "GET", t -> c.base() + "/registries", t -> null, 404, 200, 200, 200),
                row("read a registry", "GET", t -> c.base() + "/registries/" + c.registryId(), t -> null, 404, 200, 200, 200),
                row("create a registry", "POST", t -> c.base() + "/registries", t -> TeamCatalogue.registryBody(),
                        404, 403, 201, 201),
                row("update a registry", "PUT", t -> c.base() + "/registries/" + c.registryId(),
                        t -> TeamCatalogue.registryBody(), 404, 403, 204, 204),
                row("delete a registry", "DELETE", t -> c.base() + "/registries/" + c.freshRegistry(), t -> null,
                        404, 403, 204, 204),
                row("list storages", "GET", t -> c.base() + "/storages", t -> null, 404, 200, 200, 200),
                row("storage options", "GET", t -> c.base() + "/storages/options", t -> null, 404, 200, 200, 200),
                row("read a storage", "GET", t -> c.base() + "/storages/" + c.storageId(), t -> null, 404, 200, 200, 200),
                row("create a storage", "POST", t -> c.base() + "/storages", t -> TeamCatalogue.storageBody(),
                        404, 403, 201, 201),
                row("update a storage", "PUT", t -> c.base() + "/storages/" + c.storageId(),
                        t -> TeamCatalogue.storageBody(), 404, 403, 204, 204),
                row("delete a storage", "DELETE", t -> c.base() + "/storages/" + c.freshStorage(), t -> null,
                        404, 403, 204, 204),
                row("list projects", "GET", t -> c.base() + "/projects", t -> null, 404, 200, 200, 200),
                row("create a project", "POST", t -> c.base() + "/projects", t -> TeamCatalogue.projectBody("versioned"),
                        404, 201, 201, 201),
                row("read a project", "GET", t -> c.project(), t -> null, 404, 200, 200, 200),
                row("update a project", "PUT", t -> c.project(), t -> Map.of("name", "Project " + TeamFixture.suffix()),
                        404, 204, 204, 204),
                row("convert a project", "POST", t -> c.base() + "/projects/" + c.freshProject("versionless") + "/convert",
                        t -> null, 404, 204, 204, 204),
                row("delete a project", "DELETE", t -> c.base() + "/projects/" + c.freshProject("versioned"), t -> null,
                        404, 204, 204, 204),
                row("list versions", "GET", t -> c.project() + "/versions", t -> null, 404, 200, 200, 200),
                row("create a version", "POST", t -> c.project() + "/versions", t -> TeamCatalogue.versionBody(),
                        404, 201, 201, 201),
                row("read a version", "GET", t -> c.version(), t -> null, 404, 200, 200, 200),
                row("update a version", "PUT", t -> c.version(), t -> TeamCatalogue.versionNameBody(), 404, 204, 204, 204),
                row("set the default version", "PUT", t -> c.version() + "/default", t -> null, 404, 204, 204, 204),
                row("increase a version", "POST", t -> c.project() + "/versions/" + c.freshVersion() + "/increase",
                        t -> TeamCatalogue.versionNameBody(), 404, 201, 201, 201),
                row("publish a version", "POST", t -> c.project() + "/versions/" + c.freshVersionWithImage() + "/publish",
                        t -> null, 404, 204, 204, 204),
                row("delete a version", "DELETE", t -> c.project() + "/versions/" + c.freshVersion(), t -> null,
                        404, 204, 204, 204),
                row("list images", "GET", t -> c.version() + "/images", t -> null, 404, 200, 200, 200),
                row("read an image", "GET", t -> c.image(), t -> null, 404, 200, 200, 200),
                row("add images", "POST", t -> c.version() + "/images", t -> c.imagesBody(), 404, 201, 201, 201),
                row("change an image's tag and config", "PATCH", t -> c.image(),
                        t -> Map.of("tag", "2", "config", Map.of("tty", true)), 404, 204, 204, 204),
                row("a privileged image config (networkMode host)", "PATCH", t -> c.image(),
                        t -> Map.of("config", Map.of("networkMode", "host")), 404, 403, 204, 204),
                row("order images", "PUT", t -> c.version() + "/images/order", t -> c.imageIdsReversed(),
                        404, 204, 204, 204),
                row("delete an image", "DELETE", t -> c.version() + "/images/" + c.freshImage(), t -> null,
                        404, 204, 204, 204),
                row("list packages", "GET", t -> c.project() + "/packages", t -> null, 404, 200, 200, 200),
                row("create a package", "POST", t -> c.project() + "/packages", t -> c.packageBody(), 404, 201, 201, 201),
                row("read a package", "GET", t -> c.project() + "/packages/" + c.packageId(), t -> null, 404, 200, 200, 200),
                row("label a package", "PATCH", t -> c.project() + "/packages/" + c.packageId(),
                        t -> Map.of("labels", List.of(Map.of("text", "matrix", "color", "blue"))), 404, 204, 204, 204),
                row("archive a package", "DELETE", t -> c.project() + "/packages/" + c.freshPackage(), t -> null,
                        404, 204, 204, 204),
                row("list container images", "GET", t -> c.base() + "/container-images", t -> null, 404, 200, 200, 200));
    }

    /**
     * node-service's routes: nodes are admin+ to write and user+ to read (SPEC §1.4); install scripts,
     * token, update and container operations are writes. Rows that use a script up get a fresh node.
     */
    private Stream<Row> nodeRows() {
        TeamNodes n = nodes;
        return Stream.of(
                row("list nodes", "GET", t -> n.base(), t -> null, 404, 200, 200, 200),
                row("read a node", "GET", t -> n.node(), t -> null, 404, 200, 200, 200),
                row("create a node", "POST", t -> n.base(), t -> TeamNodes.nodeBody(), 404, 403, 201, 201),
                row("edit a node", "PUT", t -> n.node(), t -> TeamNodes.nodeBody(), 404, 403, 204, 204),
                row("read a node's audit", "GET", t -> n.node() + "/audit?skip=0&take=10", t -> null, 404, 200, 200, 200),
                row("delete a node", "DELETE", t -> n.base() + "/" + n.freshNode(), t -> null, 404, 403, 204, 204),
                row("generate an install script", "POST", t -> n.node() + "/script", t -> TeamNodes.scriptBody(),
                        404, 403, 201, 201),
                row("discard an install script", "DELETE", t -> n.base() + "/" + n.freshNodeWithScript() + "/script",
                        t -> null, 404, 403, 204, 204),
                row("revoke a node's token", "DELETE", t -> n.base() + "/" + n.freshNodeWithScript() + "/token",
                        t -> null, 404, 403, 204, 204),
                // no agent is connected: past the role check the admin meets 412
                row("update a node's agent", "POST", t -> n.node() + "/update", t -> null, 404, 403, 412, 412),
                row("stop a container", "POST", t -> n.node() + "/matrix/containers/web/stop", t -> null,
                        404, 403, 412, 412));
    }

    /** Only the stranger (not a member: 404) and the owner (412) try to leave; the others could. */
    private static Row leaveRow() {
        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("stranger", 404);
        expected.put("owner", 412);
        return new Row("the owner leaves", "DELETE", t -> "/api/teams/" + t.teamId() + "/users/leave", t -> null, expected);
    }

    static Row row(String name, String method, Function<TeamFixture, String> path, Function<TeamFixture, Object> body,
                   int stranger, int user, int admin, int owner) {
        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("stranger", stranger);
        expected.put("user", user);
        expected.put("admin", admin);
        expected.put("owner", owner);
        return new Row(name, method, path, body, expected);
    }

    record Row(String name, String method, Function<TeamFixture, String> path, Function<TeamFixture, Object> body,
               Map<String, Integer> expected) {
        @Override
        public String toString() {
            return name + " (" + method + ")";
        }
    }
}
