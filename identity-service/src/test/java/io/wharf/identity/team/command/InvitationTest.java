package io.wharf.identity.team.command;

import io.wharf.common.error.ConflictException;
import io.wharf.common.error.ForbiddenRoleException;
import io.wharf.common.error.NotFoundException;
import io.wharf.common.error.PreconditionFailedException;
import io.wharf.common.error.RateLimitedException;
import io.wharf.common.error.ValidationException;
import io.wharf.common.events.identity.TeamCreatedEvent;
import io.wharf.common.events.identity.TeamInvitationAcceptedEvent;
import io.wharf.common.events.identity.TeamInvitationDeclinedEvent;
import io.wharf.common.events.identity.TeamInvitationRenewedEvent;
import io.wharf.common.events.identity.TeamInvitationRevokedEvent;
import io.wharf.common.events.identity.TeamMemberInvitedEvent;
import io.wharf.common.events.identity.TeamMemberJoinedEvent;
import io.wharf.common.events.identity.TeamMemberRoleChangedEvent;
import io.wharf.common.events.identity.TeamRole;
import io.wharf.identity.team.api.AcceptInvitationCommand;
import io.wharf.identity.team.api.DeclineInvitationCommand;
import io.wharf.identity.team.api.InviteMemberCommand;
import io.wharf.identity.team.api.ReinviteMemberCommand;
import io.wharf.identity.team.api.RemoveMemberCommand;
import io.wharf.identity.user.api.UserDirectory;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One fixture test per invitation rule of the Team aggregate (SPEC §2), unhappy paths included. */
class InvitationTest {

    private static final String TEAM = "9d3c6a2e-1f4b-4c8d-9e0a-7b5c3d2e1f00";
    private static final String OWNER = "owner-1";
    private static final String ADMIN = "admin-1";
    private static final String USER = "user-1";
    private static final String GRACE = "grace-1";
    private static final String MALLORY = "mallory-1";
    private static final String INVITATION = "inv-1";
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final Instant WEEK = T0.plus(Duration.ofDays(7));

    private AggregateTestFixture<Team> fixture;
    /** The write-side e-mail lookup: registered addresses and their users. */
    private final Map<String, String> registered = new HashMap<>();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Team.class);
        fixture.registerInjectableResource(new InMemoryTeamNameLookup());
        fixture.registerInjectableResource((UserDirectory) email -> Optional.ofNullable(registered.get(email)));
        registered.put("owner@example.com", OWNER);
        registered.put("admin@example.com", ADMIN);
        registered.put("user@example.com", USER);
        registered.put("grace@example.com", GRACE);
        registered.put("mallory@example.com", MALLORY);
    }

    /** owner-1 owner, admin-1 admin, user-1 user. */
    private TestExecutor<Team> givenTeam(Object... more) {
        Object[] base = {new TeamCreatedEvent(TEAM, "Blue Whale", "blue-whale", OWNER, T0),
                new TeamMemberJoinedEvent(TEAM, ADMIN, TeamRole.USER, T0),
                new TeamMemberRoleChangedEvent(TEAM, ADMIN, TeamRole.USER, TeamRole.ADMIN),
                new TeamMemberJoinedEvent(TEAM, USER, TeamRole.USER, T0)};
        Object[] all = new Object[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return fixture.given(all);
    }

    private static TeamMemberInvitedEvent invited() {
        return new TeamMemberInvitedEvent(TEAM, INVITATION, "grace@example.com", "Grace", "Hopper", "Blue Whale",
                ADMIN, T0, WEEK);
    }

    private static InviteMemberCommand invite(String actor, String email) {
        return new InviteMemberCommand(TEAM, INVITATION, actor, email, "Grace", "Hopper", T0);
    }

    // --- invite ---------------------------------------------------------------------------------

    @Test
    void anAdminInvitesAnAddressNormalisedForSevenDays() {
        givenTeam()
                .when(invite(ADMIN, "  Grace@Example.COM "))
                .expectEvents(invited());
    }

    @Test
    void theOwnerInvitesAnAddressWithoutAccountAndNoLastName() {
        givenTeam()
                .when(new InviteMemberCommand(TEAM, INVITATION, OWNER, "new@example.com", " Newt ", null, T0))
                .expectEvents(new TeamMemberInvitedEvent(TEAM, INVITATION, "new@example.com", "Newt", null,
                        "Blue Whale", OWNER, T0, WEEK));
    }

    @Test
    void aPlainUserCannotInvite() {
        givenTeam().when(invite(USER, "grace@example.com"))
                .expectException(ForbiddenRoleException.class).expectNoEvents();
    }

    @Test
    void aNonMemberCannotInviteAndLearnsNothing() {
        givenTeam().when(invite(MALLORY, "grace@example.com"))
                .expectException(NotFoundException.class).expectExceptionMessage(Team.TEAM_NOT_FOUND)
                .expectNoEvents();
        // even with a bad body: 404 comes first
        givenTeam().when(invite(MALLORY, "not-an-address"))
                .expectException(NotFoundException.class).expectNoEvents();
    }

    @Test
    void refusesBadAddressesAndNamesWithTheField() {
        for (String email : new String[] {"", "grace", "grace@", "@example.com", "grace@example", "a b@example.com"}) {
            givenTeam().when(invite(ADMIN, email))
                    .expectException(ValidationException.class).expectNoEvents();
        }
        givenTeam().when(new InviteMemberCommand(TEAM, INVITATION, ADMIN, "grace@example.com", " ", null, T0))
                .expectException(ValidationException.class).expectExceptionMessage("firstName is required.");
        givenTeam().when(new InviteMemberCommand(TEAM, INVITATION, ADMIN, "grace@example.com", "G", "x".repeat(71), T0))
                .expectException(ValidationException.class)
                .expectExceptionMessage("lastName must be at most 70 characters.");
        givenTeam().when(new InviteMemberCommand(TEAM, INVITATION, ADMIN, "grace@example.com", "G\r\nBcc: x", null, T0))
                .expectException(ValidationException.class)
                .expectExceptionMessage("firstName must not contain control characters (line breaks, tabs...).");
        givenTeam().when(new InviteMemberCommand(TEAM, INVITATION, ADMIN, "grace@example.com", "G", "H\u0000", T0))
                .expectException(ValidationException.class).expectNoEvents();
        // invisible format characters and Unicode separators: a right-to-left override, a zero-width space
        for (String hidden : new String[] {"Gr\u202Eecarg", "G\u200Brace", "Grace\u2028Bcc"}) {
            givenTeam().when(new InviteMemberCommand(TEAM, INVITATION, ADMIN, "grace@example.com", hidden, null, T0))
                    .expectException(ValidationException.class).expectNoEvents();
        }
        givenTeam().when(invite(ADMIN, "grace\u0007@example.com")).expectException(ValidationException.class)
                .expectNoEvents();
    }

    @Test
    void nobodyInvitesThemselves() {
        givenTeam().when(invite(ADMIN, "ADMIN@example.com"))
                .expectException(ValidationException.class).expectExceptionMessage("You cannot invite yourself.")
                .expectNoEvents();
    }

    @Test
    void aMemberCannotBeInvited() {
        givenTeam().when(invite(ADMIN, "user@example.com"))
                .expectException(ConflictException.class)
                .expectExceptionMessage("This user is already a member of the team.").expectNoEvents();
    }

    @Test
    void aPendingAddressCannotBeInvitedAgain() {
        givenTeam(invited())
                .when(new InviteMemberCommand(TEAM, "inv-2", OWNER, "grace@example.com", "G", null, T0.plusSeconds(5)))
                .expectException(ConflictException.class)
                .expectExceptionMessage("This e-mail is already invited to the team.").expectNoEvents();
    }

    @Test
    void anExpiredOrDeclinedInvitationIsReplacedByANewInvite() {
        givenTeam(invited())
                .when(new InviteMemberCommand(TEAM, "inv-2", OWNER, "grace@example.com", "Grace", null, WEEK))
                .expectEvents(new TeamMemberInvitedEvent(TEAM, "inv-2", "grace@example.com", "Grace", null,
                        "Blue Whale", OWNER, WEEK, WEEK.plus(Duration.ofDays(7))));
        givenTeam(invited(), new TeamInvitationDeclinedEvent(TEAM, INVITATION, "grace@example.com", GRACE, T0))
                .when(new InviteMemberCommand(TEAM, "inv-2", OWNER, "grace@example.com", "Grace", null,
                        T0.plus(Team.REINVITE_COOLDOWN)))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void anInvitationIdNeverChangesItsAddress() {
        // the id of an invitation of grace comes again (the same Idempotency-Key) for another address
        givenTeam(invited())
                .when(new InviteMemberCommand(TEAM, INVITATION, OWNER, "newt@example.com", "Newt", null, WEEK))
                .expectException(ConflictException.class)
                .expectExceptionMessage("This request already invited another address.").expectNoEvents();
    }

    // --- reinvite -------------------------------------------------------------------------------

    @Test
    void reinviteGivesAFreshSevenDayWindowAlsoAfterExpiry() {
        Instant later = WEEK.plus(Duration.ofDays(1));
        givenTeam(invited())
                .when(new ReinviteMemberCommand(TEAM, OWNER, INVITATION, later))
                .expectEvents(new TeamInvitationRenewedEvent(TEAM, INVITATION, "grace@example.com", "Grace",
                        "Blue Whale", OWNER, later, later.plus(Duration.ofDays(7))));
    }

    @Test
    void aRenewedInvitationCanBeAcceptedInTheNewWindow() {
        Instant later = WEEK.plus(Duration.ofDays(1));
        givenTeam(invited(), new TeamInvitationRenewedEvent(TEAM, INVITATION, "grace@example.com", "Grace",
                "Blue Whale", OWNER, later, later.plus(Duration.ofDays(7))))
                .when(new AcceptInvitationCommand(TEAM, GRACE, "grace@example.com", later.plus(Duration.ofDays(6))))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void aDeclinedInvitationCannotBeRenewed() {
        givenTeam(invited(), new TeamInvitationDeclinedEvent(TEAM, INVITATION, "grace@example.com", GRACE, T0))
                .when(new ReinviteMemberCommand(TEAM, ADMIN, INVITATION, T0.plusSeconds(60)))
                .expectException(PreconditionFailedException.class).expectNoEvents();
    }

    @Test
    void oneAddressGetsAnInvitationMailAtMostOnceAMinute() {
        Instant soon = T0.plusSeconds(59);
        givenTeam(invited()).when(new ReinviteMemberCommand(TEAM, ADMIN, INVITATION, soon))
                .expectException(RateLimitedException.class).expectNoEvents();
        givenTeam(invited()).when(new ReinviteMemberCommand(TEAM, ADMIN, INVITATION, T0.plusSeconds(60)))
                .expectSuccessfulHandlerExecution();
        // the minute starts again with each mail
        Instant renewed = T0.plusSeconds(600);
        givenTeam(invited(), new TeamInvitationRenewedEvent(TEAM, INVITATION, "grace@example.com", "Grace",
                "Blue Whale", OWNER, renewed, renewed.plus(Duration.ofDays(7))))
                .when(new ReinviteMemberCommand(TEAM, ADMIN, INVITATION, renewed.plusSeconds(30)))
                .expectException(RateLimitedException.class).expectNoEvents();
        // a declined invitation replaced by a new invite right away: the same address, held back as well
        givenTeam(invited(), new TeamInvitationDeclinedEvent(TEAM, INVITATION, "grace@example.com", GRACE, T0))
                .when(new InviteMemberCommand(TEAM, "inv-2", OWNER, "grace@example.com", "Grace", null, T0))
                .expectException(RateLimitedException.class).expectNoEvents();
        // other addresses are not
        givenTeam(invited()).when(new InviteMemberCommand(TEAM, "inv-3", OWNER, "newt@example.com", "Newt", null, T0))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void reinviteNeedsAnAdminAMemberAndAnInvitation() {
        givenTeam(invited()).when(new ReinviteMemberCommand(TEAM, USER, INVITATION, T0))
                .expectException(ForbiddenRoleException.class);
        givenTeam(invited()).when(new ReinviteMemberCommand(TEAM, MALLORY, INVITATION, T0))
                .expectException(NotFoundException.class).expectExceptionMessage(Team.TEAM_NOT_FOUND);
        givenTeam(invited()).when(new ReinviteMemberCommand(TEAM, ADMIN, "no-such-invitation", T0))
                .expectException(NotFoundException.class).expectExceptionMessage(Team.USER_NOT_FOUND);
    }

    // --- accept ---------------------------------------------------------------------------------

    @Test
    void acceptingMakesTheInviteeAUserThroughTheJoinEvent() {
        Instant at = T0.plus(Duration.ofDays(6));
        givenTeam(invited())
                .when(new AcceptInvitationCommand(TEAM, GRACE, "Grace@Example.com", at))
                .expectEvents(new TeamInvitationAcceptedEvent(TEAM, INVITATION, "grace@example.com", GRACE, at),
                        new TeamMemberJoinedEvent(TEAM, GRACE, TeamRole.USER, at));
    }

    @Test
    void acceptingAfterSevenDaysIsRefusedAsExpired() {
        givenTeam(invited())
                .when(new AcceptInvitationCommand(TEAM, GRACE, "grace@example.com", WEEK))
                .expectException(PreconditionFailedException.class)
                .expectExceptionMessage("Invitation link is expired.").expectNoEvents();
    }

    @Test
    void nobodyAcceptsSomeoneElsesInvitation() {
        givenTeam(invited())
                .when(new AcceptInvitationCommand(TEAM, MALLORY, "mallory@example.com", T0))
                .expectException(NotFoundException.class).expectExceptionMessage(Team.INVITATION_NOT_FOUND)
                .expectNoEvents();
        // nor with the invitee's address in a credential that is not the invitee's account
        givenTeam(invited())
                .when(new AcceptInvitationCommand(TEAM, MALLORY, "grace@example.com", T0))
                .expectException(NotFoundException.class).expectNoEvents();
    }

    @Test
    void anAddressRegisteredAfterTheInvitationAccepts() {
        givenTeam(new TeamMemberInvitedEvent(TEAM, INVITATION, "newt@example.com", "Newt", null, "Blue Whale",
                OWNER, T0, WEEK))
                .when(new AcceptInvitationCommand(TEAM, "newt-1", "newt@example.com", T0.plusSeconds(60)))
                .expectException(NotFoundException.class); // not registered yet
        registered.put("newt@example.com", "newt-1");
        givenTeam(new TeamMemberInvitedEvent(TEAM, INVITATION, "newt@example.com", "Newt", null, "Blue Whale",
                OWNER, T0, WEEK))
                .when(new AcceptInvitationCommand(TEAM, "newt-1", "newt@example.com", T0.plusSeconds(60)))
                .expectEvents(new TeamInvitationAcceptedEvent(TEAM, INVITATION, "newt@example.com", "newt-1",
                                T0.plusSeconds(60)),
                        new TeamMemberJoinedEvent(TEAM, "newt-1", TeamRole.USER, T0.plusSeconds(60)));
    }

    @Test
    void aDeclinedOrAcceptedInvitationCannotBeAccepted() {
        givenTeam(invited(), new TeamInvitationDeclinedEvent(TEAM, INVITATION, "grace@example.com", GRACE, T0))
                .when(new AcceptInvitationCommand(TEAM, GRACE, "grace@example.com", T0.plusSeconds(1)))
                .expectException(PreconditionFailedException.class).expectNoEvents();
        givenTeam(invited(), new TeamInvitationAcceptedEvent(TEAM, INVITATION, "grace@example.com", GRACE, T0),
                new TeamMemberJoinedEvent(TEAM, GRACE, TeamRole.USER, T0))
                .when(new AcceptInvitationCommand(TEAM, GRACE, "grace@example.com", T0.plusSeconds(1)))
                .expectException(NotFoundException.class).expectNoEvents();
    }

    // --- decline --------------------------------------------------------------------------------

    @Test
    void theInviteeDeclinesOnceEvenAfterExpiry() {
        givenTeam(invited())
                .when(new DeclineInvitationCommand(TEAM, GRACE, "grace@example.com", WEEK.plusSeconds(1)))
                .expectEvents(new TeamInvitationDeclinedEvent(TEAM, INVITATION, "grace@example.com", GRACE,
                        WEEK.plusSeconds(1)));
        givenTeam(invited(), new TeamInvitationDeclinedEvent(TEAM, INVITATION, "grace@example.com", GRACE, T0))
                .when(new DeclineInvitationCommand(TEAM, GRACE, "grace@example.com", T0.plusSeconds(1)))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void nobodyDeclinesSomeoneElsesInvitation() {
        givenTeam(invited())
                .when(new DeclineInvitationCommand(TEAM, MALLORY, "grace@example.com", T0))
                .expectException(NotFoundException.class).expectNoEvents();
        givenTeam()
                .when(new DeclineInvitationCommand(TEAM, GRACE, "grace@example.com", T0))
                .expectException(NotFoundException.class).expectNoEvents();
    }

    // --- remove ---------------------------------------------------------------------------------

    @Test
    void anAdminRemovesAnInvitationByItsId() {
        givenTeam(invited())
                .when(new RemoveMemberCommand(TEAM, ADMIN, INVITATION))
                .expectEvents(new TeamInvitationRevokedEvent(TEAM, INVITATION, "grace@example.com"));
        givenTeam(invited(), new TeamInvitationRevokedEvent(TEAM, INVITATION, "grace@example.com"))
                .when(new AcceptInvitationCommand(TEAM, GRACE, "grace@example.com", T0))
                .expectException(NotFoundException.class);
        givenTeam(invited()).when(new RemoveMemberCommand(TEAM, USER, INVITATION))
                .expectException(ForbiddenRoleException.class);
    }
}
