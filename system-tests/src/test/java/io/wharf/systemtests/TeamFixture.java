package io.wharf.systemtests;

import static io.wharf.systemtests.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One team through the gateway with a member of each role (owner, admin, user, a spare member whose
 * role the tests change) and a stranger who owns a team of their own, all made the way a client
 * would: register, create the team, invite, accept, grant admin.
 */
final class TeamFixture {

    private final Api api;
    private final Map<String, String> tokens = new HashMap<>();
    private final Map<String, String> userIds = new HashMap<>();
    private final Map<String, String> emails = new HashMap<>();
    private final String teamId;
    private final String slug;
    private final String strangerSlug;
    private final String pendingInvitationId;

    private TeamFixture(Api api, String name) {
        this.api = api;
        for (String role : new String[] {"owner", "admin", "user", "spare", "stranger"}) {
            register(role);
        }
        slug = name.substring(0, Math.min(name.length(), 6)) + "-" + suffix();
        teamId = createTeam("owner", slug);
        strangerSlug = "x-" + suffix();
        createTeam("stranger", strangerSlug);
        join("admin");
        join("user");
        join("spare");
        expect(204, as("owner", "PUT", "/api/teams/" + teamId + "/users/" + userIds.get("admin") + "/role",
                Map.of("role", "admin")));
        pendingInvitationId = invite(email("pending")).json().get("id").asText();
    }

    static TeamFixture create(Api api, String name) {
        return new TeamFixture(api, name);
    }

    String teamId() {
        return teamId;
    }

    String slug() {
        return slug;
    }

    /** The stranger's own team: a slug the stranger may use, for ids that belong elsewhere. */
    String strangerSlug() {
        return strangerSlug;
    }

    String pendingInvitationId() {
        return pendingInvitationId;
    }

    String userId(String role) {
        return userIds.get(role);
    }

    String token(String role) {
        return tokens.get(role);
    }

    /** A new member (role user) for actions that use one up. */
    String freshMember() {
        String role = "member-" + suffix();
        register(role);
        join(role);
        return userIds.get(role);
    }

    /**
     * A new member of the team under the name {@code name} (usable with {@link #as}), with {@code teamRole}
     * {@code user} or {@code admin}: a credential of its own for the set-up requests of other fixtures,
     * so they do not spend the rate limit of the roles the tables try.
     */
    String admit(String name, String teamRole) {
        register(name);
        join(name);
        if (!teamRole.equals("user")) {
            expect(204, as("owner", "PUT", "/api/teams/" + teamId + "/users/" + userIds.get(name) + "/role",
                    Map.of("role", teamRole)));
        }
        return name;
    }

    /**
     * The request as {@code role}. A 429 is waited out (Retry-After) and retried: the table sends
     * more mutating requests per credential than SPEC §1.5's burst allows, and the limit is not
     * what these tests are about.
     */
    Api.Reply as(String role, String method, String path, Object body) {
        for (int attempt = 0; ; attempt++) {
            Api.Reply reply = api.send(method, path, body, bearer(tokens.get(role)));
            if (reply.status() != 429 || attempt == 5) {
                return reply;
            }
            sleepSeconds(Integer.parseInt(reply.header("Retry-After")));
        }
    }

    static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    static String email(String who) {
        return who + "-" + UUID.randomUUID() + "@example.com";
    }

    private void register(String role) {
        Api.Reply reply = api.post("/api/auth/register",
                Map.of("email", email(role), "password", "correct horse battery", "firstName", role), Map.of());
        expect(201, reply);
        tokens.put(role, reply.json().get("token").asText());
        userIds.put(role, reply.json().at("/user/id").asText());
        emails.put(role, reply.json().at("/user/email").asText());
    }

    private String createTeam(String role, String teamSlug) {
        Api.Reply reply = as(role, "POST", "/api/teams", Map.of("name", "Team " + teamSlug, "slug", teamSlug));
        expect(201, reply);
        return reply.json().get("id").asText();
    }

    private void join(String role) {
        invite(emails.get(role));
        expect(204, as(role, "POST", "/api/users/me/invitations/" + teamId, null));
    }

    private Api.Reply invite(String email) {
        Api.Reply reply = as("owner", "POST", "/api/teams/" + teamId + "/users", Map.of("email", email, "firstName", "Invited"));
        expect(201, reply);
        return reply;
    }

    private static void expect(int status, Api.Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
    }

    private static void sleepSeconds(int seconds) {
        try {
            Thread.sleep(seconds * 1000L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
