package io.wharf.common.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wharf.common.error.ForbiddenRoleException;
import io.wharf.common.error.ForbiddenScopeException;
import io.wharf.common.error.NotFoundException;
import io.wharf.common.events.identity.TeamCreatedEvent;
import io.wharf.common.events.identity.TeamDeletedEvent;
import io.wharf.common.events.identity.TeamMemberJoinedEvent;
import io.wharf.common.events.identity.TeamMemberLeftEvent;
import io.wharf.common.events.identity.TeamMemberRemovedEvent;
import io.wharf.common.events.identity.TeamMemberRoleChangedEvent;
import io.wharf.common.events.identity.TeamOwnershipTransferredEvent;
import io.wharf.common.events.identity.TeamRenamedEvent;
import io.wharf.common.events.identity.TeamRole;
import io.wharf.common.metadata.ActorType;
import io.wharf.common.metadata.CurrentRequest;
import io.wharf.common.metadata.RequestContext;
import io.wharf.common.security.WharfPrincipal;
import io.wharf.common.test.InProcessMongo;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The replica's rules (idempotence, order, tombstones) and TeamAccess's answers, without Spring or Kafka. */
class TeamAccessTest {

    private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");

    private MembershipReplica replica;
    private TeamAccess access;

    @BeforeEach
    void freshReplica() {
        replica = new MembershipReplica(InProcessMongo.newDatabase(TeamAccessTest.class));
        access = new TeamAccess(replica);
        replica.on(new TeamCreatedEvent("t1", "Blue", "blue", "ada", T), 0);
        replica.on(new TeamMemberJoinedEvent("t1", "bob", TeamRole.USER, T), 1);
        replica.on(new TeamMemberJoinedEvent("t1", "cy", TeamRole.USER, T), 2);
        replica.on(new TeamMemberRoleChangedEvent("t1", "cy", TeamRole.USER, TeamRole.ADMIN), 3);
    }

    private static WharfPrincipal user(String id) {
        return new WharfPrincipal(id, id + "@example.com", WharfPrincipal.SESSION, "jti", null, ActorType.USER);
    }

    @Test
    void membersWithTheRoleGetTheTeamId() {
        assertThat(access.require(user("ada"), "blue", TeamRole.OWNER)).isEqualTo("t1");
        assertThat(access.require(user("cy"), "blue", TeamRole.ADMIN)).isEqualTo("t1");
        assertThat(access.require(user("bob"), "blue", TeamRole.USER)).isEqualTo("t1");
    }

    @Test
    void membersBelowTheRoleAreForbidden() {
        assertThatThrownBy(() -> access.require(user("bob"), "blue", TeamRole.ADMIN))
                .isInstanceOf(ForbiddenRoleException.class);
        assertThatThrownBy(() -> access.require(user("cy"), "blue", TeamRole.OWNER))
                .isInstanceOf(ForbiddenRoleException.class);
    }

    @Test
    void strangersAndUnknownSlugsGetTheSameNotFound() {
        assertThatThrownBy(() -> access.require(user("eve"), "blue", TeamRole.USER))
                .isInstanceOf(NotFoundException.class).hasMessage(TeamAccess.NOT_FOUND);
        assertThatThrownBy(() -> access.require(user("ada"), "nope", TeamRole.USER))
                .isInstanceOf(NotFoundException.class).hasMessage(TeamAccess.NOT_FOUND);
    }

    @Test
    void aCredentialWithoutAUserIsOutOfScope() {
        WharfPrincipal deployToken = new WharfPrincipal(null, null, WharfPrincipal.DEPLOYMENT, "j", "ci",
                ActorType.DEPLOYMENT_TOKEN);
        assertThatThrownBy(() -> access.require(deployToken, "blue", TeamRole.USER))
                .isInstanceOf(ForbiddenScopeException.class);
        // as the gateway forwards a deployment token: sub = its creator, who is the team's owner
        WharfPrincipal creatorsDeployToken = new WharfPrincipal("ada", "ada@example.com", WharfPrincipal.DEPLOYMENT,
                "j2", "ci", ActorType.DEPLOYMENT_TOKEN);
        assertThat(access.require(user("ada"), "blue", TeamRole.OWNER)).isEqualTo("t1");
        assertThatThrownBy(() -> access.require(creatorsDeployToken, "blue", TeamRole.USER))
                .isInstanceOf(ForbiddenScopeException.class);
        assertThat(access.roleIn(creatorsDeployToken, "blue")).isEmpty();
        // whatever the actor type says, a deployment credential is no user; a system credential neither
        assertThatThrownBy(() -> access.require(new WharfPrincipal("ada", null, WharfPrincipal.DEPLOYMENT, "j3", "ci",
                ActorType.USER), "blue", TeamRole.USER)).isInstanceOf(ForbiddenScopeException.class);
        assertThatThrownBy(() -> access.require(new WharfPrincipal("ada", null, "replica", "j4", null,
                ActorType.SYSTEM), "blue", TeamRole.USER)).isInstanceOf(ForbiddenScopeException.class);
    }

    @Test
    void theTeamIdGoesIntoTheRequestContext() {
        CurrentRequest.set(new RequestContext("req-1", user("bob"), null, "http", "get", "/x", null));
        try {
            access.require(user("bob"), "blue", TeamRole.USER);
            assertThat(CurrentRequest.get().orElseThrow().teamId()).isEqualTo("t1");
        } finally {
            CurrentRequest.clear();
        }
    }

    @Test
    void ownershipTransferSwapsOwnerAndAdmin() {
        replica.on(new TeamOwnershipTransferredEvent("t1", "ada", "bob"), 4);
        assertThat(replica.roleOf("t1", "bob")).contains(TeamRole.OWNER);
        assertThat(replica.roleOf("t1", "ada")).contains(TeamRole.ADMIN);
    }

    @Test
    void renameMovesTheSlug() {
        replica.on(new TeamRenamedEvent("t1", "Grey", "grey"), 4);
        assertThatThrownBy(() -> access.require(user("ada"), "blue", TeamRole.USER)).isInstanceOf(NotFoundException.class);
        assertThat(access.require(user("ada"), "grey", TeamRole.USER)).isEqualTo("t1");
    }

    @Test
    void removedAndLeftMembersAreStrangers() {
        replica.on(new TeamMemberRemovedEvent("t1", "bob"), 4);
        replica.on(new TeamMemberLeftEvent("t1", "cy"), 5);
        assertThat(replica.roleOf("t1", "bob")).isEmpty();
        assertThat(replica.roleOf("t1", "cy")).isEmpty();
    }

    @Test
    void aRedeliveredOrOlderEventChangesNothing() {
        replica.on(new TeamMemberRemovedEvent("t1", "bob"), 4);
        replica.on(new TeamMemberJoinedEvent("t1", "bob", TeamRole.USER, T), 1); // redelivered
        replica.on(new TeamMemberRoleChangedEvent("t1", "cy", TeamRole.ADMIN, TeamRole.USER), 3); // same sequence
        assertThat(replica.roleOf("t1", "bob")).isEmpty();
        assertThat(replica.roleOf("t1", "cy")).contains(TeamRole.ADMIN);
    }

    @Test
    void aDeletedTeamIsGoneForGoodAndItsSlugCanBeReused() {
        replica.on(new TeamDeletedEvent("t1", "blue", T), 4);
        replica.on(new TeamMemberJoinedEvent("t1", "bob", TeamRole.USER, T), 1); // late redelivery
        assertThatThrownBy(() -> access.require(user("ada"), "blue", TeamRole.USER)).isInstanceOf(NotFoundException.class);
        assertThat(replica.roleOf("t1", "bob")).isEmpty();

        replica.on(new TeamCreatedEvent("t2", "Blue again", "blue", "eve", T), 0);
        assertThat(access.require(user("eve"), "blue", TeamRole.OWNER)).isEqualTo("t2");
        assertThatThrownBy(() -> access.require(user("ada"), "blue", TeamRole.USER)).isInstanceOf(NotFoundException.class);
    }
}
