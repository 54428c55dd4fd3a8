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
 */
@ExtendWith(RunningStack.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoleMatrixSystemTest {

    private static final List<String> ROLES = List.of("stranger", "user", "admin", "owner");

    private TeamFixture team;

    @BeforeAll
    void aTeamWithOneMemberOfEachRole(Stack stack) {
        team = TeamFixture.create(new Api(stack.gatewayUrl()), "matrix");
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

    Stream<Row> teamRoutes() {
        return Stream.of(
                row("read the team", "GET", t -> "/api/teams/" + t.teamId(), t -> null, 404, 200, 200, 200),
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
                leaveRow(),
                row("delete the team", "DELETE", t -> "/api/teams/" + t.teamId(), t -> null, 404, 403, 403, 204));
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
