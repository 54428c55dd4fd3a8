package io.wharf.identity.team.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.common.error.ConflictException;
import io.wharf.common.error.ForbiddenRoleException;
import io.wharf.common.error.NotFoundException;
import io.wharf.common.error.PreconditionFailedException;
import io.wharf.common.error.ValidationException;
import io.wharf.common.events.identity.TeamCreatedEvent;
import io.wharf.common.events.identity.TeamDeletedEvent;
import io.wharf.common.events.identity.TeamMemberJoinedEvent;
import io.wharf.common.events.identity.TeamMemberLeftEvent;
import io.wharf.common.events.identity.TeamMemberRemovedEvent;
import io.wharf.common.events.identity.TeamMemberRoleChangedEvent;
import io.wharf.common.events.identity.TeamOwnershipTransferredEvent;
import io.wharf.common.events.identity.TeamRenamedEvent;
import io.wharf.common.events.identity.TeamRole;
import io.wharf.identity.team.api.ChangeMemberRoleCommand;
import io.wharf.identity.team.api.CreateTeamCommand;
import io.wharf.identity.team.api.DeleteTeamCommand;
import io.wharf.identity.team.api.LeaveTeamCommand;
import io.wharf.identity.team.api.RemoveMemberCommand;
import io.wharf.identity.team.api.RenameTeamCommand;
import io.wharf.identity.user.api.UserDirectory;
import java.time.Instant;
import java.util.Optional;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One fixture test per rule of the Team aggregate (SPEC §1.4 and §2), unhappy paths included. */
class TeamTest {

    private static final String TEAM = "9d3c6a2e-1f4b-4c8d-9e0a-7b5c3d2e1f00";
    private static final String OWNER = "owner-1";
    private static final String ADMIN = "admin-1";
    private static final String ADMIN2 = "admin-2";
    private static final String USER = "user-1";
    private static final String USER2 = "user-2";
    private static final String STRANGER = "stranger";
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private AggregateTestFixture<Team> fixture;
    private InMemoryTeamNameLookup names;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Team.class);
        names = new InMemoryTeamNameLookup();
        fixture.registerInjectableResource(names);
        fixture.registerInjectableResource((UserDirectory) email -> Optional.empty());
    }

    private static TeamCreatedEvent created() {
        return new TeamCreatedEvent(TEAM, "Blue Whale", "blue-whale", OWNER, T0);
    }

    /** owner-1 owner, admin-1 and admin-2 admins, user-1 and user-2 users. */
    private TestExecutor<Team> givenFullTeam() {
        return fixture.given(created(),
                new TeamMemberJoinedEvent(TEAM, ADMIN, TeamRole.USER, T0),
                new TeamMemberRoleChangedEvent(TEAM, ADMIN, TeamRole.USER, TeamRole.ADMIN),
                new TeamMemberJoinedEvent(TEAM, ADMIN2, TeamRole.USER, T0),
                new TeamMemberRoleChangedEvent(TEAM, ADMIN2, TeamRole.USER, TeamRole.ADMIN),
                new TeamMemberJoinedEvent(TEAM, USER, TeamRole.USER, T0),
                new TeamMemberJoinedEvent(TEAM, USER2, TeamRole.USER, T0));
    }

    // --- create ---------------------------------------------------------------------------------

    @Test
    void creatorBecomesOwnerAndNameAndSlugAreClaimed() {
        fixture.givenNoPriorActivity()
                .when(new CreateTeamCommand(TEAM, "  Blue Whale ", "blue-whale", OWNER, T0))
                .expectEvents(created());
        assertThat(names.entries).containsKeys("slug:blue-whale", "name:blue whale");
    }

    @Test
    void cannotCreateWithATakenSlug() {
        names.confirm(TeamNameLookup.Kind.SLUG, "blue-whale", "other-team");
        fixture.givenNoPriorActivity()
                .when(new CreateTeamCommand(TEAM, "Blue Whale", "blue-whale", OWNER, T0))
                .expectException(ConflictException.class)
                .expectNoEvents();
        assertThat(names.entries).doesNotContainKey("name:blue whale");
    }

    @Test
    void cannotCreateWithATakenNameIgnoringCaseAndTheSlugClaimIsGivenBack() {
        names.confirm(TeamNameLookup.Kind.NAME, "BLUE WHALE", "other-team");
        fixture.givenNoPriorActivity()
                .when(new CreateTeamCommand(TEAM, "blue whale", "blue-whale", OWNER, T0))
                .expectException(ConflictException.class)
                .expectNoEvents();
        assertThat(names.entries).doesNotContainKey("slug:blue-whale");
    }

    @Test
    void cannotCreateWithABadSlug() {
        for (String slug : new String[] {"ab", "a-very-long-slug-x", "Blue", "blue whale", "blü", "", "blue_whale"}) {
            fixture.givenNoPriorActivity()
                    .when(new CreateTeamCommand(TEAM, "Blue Whale", slug, OWNER, T0))
                    .expectException(ValidationException.class)
                    .expectExceptionMessage("Invalid slug.")
                    .expectNoEvents();
        }
        assertThat(names.entries).isEmpty();
    }

    @Test
    void cannotCreateWithAnEmptyOrOverLongName() {
        for (String name : new String[] {"", "   ", "x".repeat(71), "Blue\r\nWhale", "Blue\n", "Blue\u0000", "Blue\tWhale"}) {
            fixture.givenNoPriorActivity()
                    .when(new CreateTeamCommand(TEAM, name, "blue-whale", OWNER, T0))
                    .expectException(ValidationException.class)
                    .expectNoEvents();
        }
    }

    @Test
    void aNameOf70CharactersAndASlugOf3And16Are() {
        fixture.givenNoPriorActivity()
                .when(new CreateTeamCommand(TEAM, "x".repeat(70), "a-1", OWNER, T0))
                .expectSuccessfulHandlerExecution();
        fixture.givenNoPriorActivity()
                .when(new CreateTeamCommand("t2", "y", "abcdefghijklmn-1", OWNER, T0))
                .expectSuccessfulHandlerExecution();
    }

    // --- rename ---------------------------------------------------------------------------------

    @Test
    void anAdminRenamesAndTheOldValuesAreKeptClaimedUntilTheEventIsStored() {
        givenFullTeam()
                .when(new RenameTeamCommand(TEAM, ADMIN, "Grey Whale", "grey-whale"))
                .expectEvents(new TeamRenamedEvent(TEAM, "Grey Whale", "grey-whale"));
        assertThat(names.entries).containsKeys("slug:grey-whale", "name:grey whale");
    }

    @Test
    void theOwnerRenames() {
        givenFullTeam()
                .when(new RenameTeamCommand(TEAM, OWNER, "Blue Whale", "bluewhale"))
                .expectEvents(new TeamRenamedEvent(TEAM, "Blue Whale", "bluewhale"));
    }

    @Test
    void aUserCannotRename() {
        givenFullTeam()
                .when(new RenameTeamCommand(TEAM, USER, "Grey Whale", "grey-whale"))
                .expectException(ForbiddenRoleException.class)
                .expectNoEvents();
        assertThat(names.entries).isEmpty();
    }

    @Test
    void aStrangerCannotRenameAndLearnsNothing() {
        givenFullTeam()
                .when(new RenameTeamCommand(TEAM, STRANGER, "Grey Whale", "grey-whale"))
                .expectException(NotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void cannotRenameToATakenSlug() {
        names.confirm(TeamNameLookup.Kind.SLUG, "grey-whale", "other-team");
        givenFullTeam()
                .when(new RenameTeamCommand(TEAM, OWNER, "Grey Whale", "grey-whale"))
                .expectException(ConflictException.class)
                .expectNoEvents();
    }

    @Test
    void cannotRenameToABadSlugOrName() {
        givenFullTeam()
                .when(new RenameTeamCommand(TEAM, OWNER, "Grey Whale", "Grey Whale"))
                .expectException(ValidationException.class)
                .expectNoEvents();
        givenFullTeam()
                .when(new RenameTeamCommand(TEAM, OWNER, "x".repeat(71), "grey-whale"))
                .expectException(ValidationException.class)
                .expectNoEvents();
    }

    @Test
    void renamingToTheSameValuesChangesNothing() {
        givenFullTeam()
                .when(new RenameTeamCommand(TEAM, ADMIN, "Blue Whale", "blue-whale"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void changingOnlyTheCaseOfTheNameKeepsItsOwnClaim() {
        names.confirm(TeamNameLookup.Kind.NAME, "Blue Whale", TEAM);
        names.confirm(TeamNameLookup.Kind.SLUG, "blue-whale", TEAM);
        givenFullTeam()
                .when(new RenameTeamCommand(TEAM, ADMIN, "BLUE WHALE", "blue-whale"))
                .expectEvents(new TeamRenamedEvent(TEAM, "BLUE WHALE", "blue-whale"));
    }

    // --- delete ---------------------------------------------------------------------------------

    @Test
    void theOwnerDeletes() {
        givenFullTeam()
                .when(new DeleteTeamCommand(TEAM, OWNER, T0))
                .expectEvents(new TeamDeletedEvent(TEAM, "blue-whale", T0))
                .expectMarkedDeleted();
    }

    @Test
    void anAdminCannotDelete() {
        givenFullTeam()
                .when(new DeleteTeamCommand(TEAM, ADMIN, T0))
                .expectException(ForbiddenRoleException.class)
                .expectNoEvents();
    }

    @Test
    void aStrangerCannotDelete() {
        givenFullTeam()
                .when(new DeleteTeamCommand(TEAM, STRANGER, T0))
                .expectException(NotFoundException.class)
                .expectNoEvents();
    }

    // --- roles ----------------------------------------------------------------------------------

    @Test
    void theOwnerGrantsAdmin() {
        givenFullTeam()
                .when(new ChangeMemberRoleCommand(TEAM, OWNER, USER, "admin"))
                .expectEvents(new TeamMemberRoleChangedEvent(TEAM, USER, TeamRole.USER, TeamRole.ADMIN));
    }

    @Test
    void anAdminCannotGrantAdmin() {
        givenFullTeam()
                .when(new ChangeMemberRoleCommand(TEAM, ADMIN, USER, "admin"))
                .expectException(ForbiddenRoleException.class)
                .expectNoEvents();
    }

    @Test
    void anAdminDemotesAnotherAdmin() {
        givenFullTeam()
                .when(new ChangeMemberRoleCommand(TEAM, ADMIN, ADMIN2, "user"))
                .expectEvents(new TeamMemberRoleChangedEvent(TEAM, ADMIN2, TeamRole.ADMIN, TeamRole.USER));
    }

    @Test
    void aUserCannotChangeRoles() {
        givenFullTeam()
                .when(new ChangeMemberRoleCommand(TEAM, USER, USER2, "user"))
                .expectException(ForbiddenRoleException.class)
                .expectNoEvents();
    }

    @Test
    void theOwnerTransfersOwnershipAndBecomesAdmin() {
        givenFullTeam()
                .when(new ChangeMemberRoleCommand(TEAM, OWNER, USER, "owner"))
                .expectEvents(new TeamOwnershipTransferredEvent(TEAM, OWNER, USER));
    }

    @Test
    void afterATransferTheOldOwnerIsAnAdmin() {
        givenFullTeam()
                .andGiven(new TeamOwnershipTransferredEvent(TEAM, OWNER, USER))
                .when(new DeleteTeamCommand(TEAM, OWNER, T0))
                .expectException(ForbiddenRoleException.class);
        givenFullTeam()
                .andGiven(new TeamOwnershipTransferredEvent(TEAM, OWNER, USER))
                .when(new DeleteTeamCommand(TEAM, USER, T0))
                .expectEvents(new TeamDeletedEvent(TEAM, "blue-whale", T0));
    }

    @Test
    void anAdminCannotTransferOwnership() {
        givenFullTeam()
                .when(new ChangeMemberRoleCommand(TEAM, ADMIN, USER, "owner"))
                .expectException(ForbiddenRoleException.class)
                .expectNoEvents();
    }

    @Test
    void anAdminCannotChangeTheOwnersRole() {
        givenFullTeam()
                .when(new ChangeMemberRoleCommand(TEAM, ADMIN, OWNER, "user"))
                .expectException(ForbiddenRoleException.class)
                .expectNoEvents();
    }

    @Test
    void theOwnerCannotDemoteThemselves() {
        givenFullTeam()
                .when(new ChangeMemberRoleCommand(TEAM, OWNER, OWNER, "admin"))
                .expectException(PreconditionFailedException.class)
                .expectNoEvents();
    }

    @Test
    void makingTheOwnerOwnerAgainChangesNothing() {
        givenFullTeam()
                .when(new ChangeMemberRoleCommand(TEAM, OWNER, OWNER, "owner"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void settingTheCurrentRoleChangesNothing() {
        givenFullTeam()
                .when(new ChangeMemberRoleCommand(TEAM, ADMIN, USER, "user"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void unknownRolesAreRefused() {
        for (String role : new String[] {"superuser", "OWNER", "", "Admin"}) {
            givenFullTeam()
                    .when(new ChangeMemberRoleCommand(TEAM, OWNER, USER, role))
                    .expectException(ValidationException.class)
                    .expectNoEvents();
        }
    }

    @Test
    void changingTheRoleOfANonMemberIsNotFound() {
        givenFullTeam()
                .when(new ChangeMemberRoleCommand(TEAM, OWNER, STRANGER, "admin"))
                .expectException(NotFoundException.class)
                .expectExceptionMessage(Team.USER_NOT_FOUND)
                .expectNoEvents();
    }

    @Test
    void aStrangerCannotChangeRoles() {
        givenFullTeam()
                .when(new ChangeMemberRoleCommand(TEAM, STRANGER, USER, "admin"))
                .expectException(NotFoundException.class)
                .expectExceptionMessage(Team.TEAM_NOT_FOUND)
                .expectNoEvents();
    }

    // --- remove and leave -----------------------------------------------------------------------

    @Test
    void anAdminRemovesAUserAndAnotherAdmin() {
        givenFullTeam()
                .when(new RemoveMemberCommand(TEAM, ADMIN, USER))
                .expectEvents(new TeamMemberRemovedEvent(TEAM, USER));
        givenFullTeam()
                .when(new RemoveMemberCommand(TEAM, ADMIN, ADMIN2))
                .expectEvents(new TeamMemberRemovedEvent(TEAM, ADMIN2));
    }

    @Test
    void aUserCannotRemoveMembers() {
        givenFullTeam()
                .when(new RemoveMemberCommand(TEAM, USER, USER2))
                .expectException(ForbiddenRoleException.class)
                .expectNoEvents();
    }

    @Test
    void theOwnerCannotBeRemoved() {
        givenFullTeam()
                .when(new RemoveMemberCommand(TEAM, ADMIN, OWNER))
                .expectException(PreconditionFailedException.class)
                .expectNoEvents();
        givenFullTeam()
                .when(new RemoveMemberCommand(TEAM, OWNER, OWNER))
                .expectException(PreconditionFailedException.class)
                .expectNoEvents();
    }

    @Test
    void removingANonMemberIsNotFound() {
        givenFullTeam()
                .when(new RemoveMemberCommand(TEAM, OWNER, STRANGER))
                .expectException(NotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void aMemberLeaves() {
        givenFullTeam()
                .when(new LeaveTeamCommand(TEAM, ADMIN))
                .expectEvents(new TeamMemberLeftEvent(TEAM, ADMIN));
    }

    @Test
    void theOwnerCannotLeave() {
        givenFullTeam()
                .when(new LeaveTeamCommand(TEAM, OWNER))
                .expectException(PreconditionFailedException.class)
                .expectNoEvents();
    }

    @Test
    void aStrangerCannotLeave() {
        givenFullTeam()
                .when(new LeaveTeamCommand(TEAM, STRANGER))
                .expectException(NotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void aRemovedMemberIsAStrangerAfterwards() {
        givenFullTeam()
                .andGiven(new TeamMemberRemovedEvent(TEAM, ADMIN))
                .when(new RenameTeamCommand(TEAM, ADMIN, "Grey Whale", "grey-whale"))
                .expectException(NotFoundException.class);
    }
}
