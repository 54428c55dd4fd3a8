package io.wharf.identity.user.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.common.error.ConflictException;
import io.wharf.common.error.UnauthorizedException;
import io.wharf.common.error.ValidationException;
import io.wharf.common.events.identity.SessionRevokedEvent;
import io.wharf.common.events.identity.UserRegisteredEvent;
import io.wharf.identity.user.api.LogInUserCommand;
import io.wharf.identity.user.api.LogOutUserCommand;
import io.wharf.identity.user.api.RegisterUserCommand;
import io.wharf.identity.user.api.UserLoggedInEvent;
import io.wharf.identity.user.api.UserPasswordSetEvent;
import io.wharf.identity.user.api.UserProfile;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One fixture test per rule of the User aggregate and its registration. */
class UserTest {

    private static final String ID = "7b0c1f7e-2f7a-4e39-9a53-0d1c2b7f0a11";
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final Instant EXP = T0.plusSeconds(12 * 3600);

    private AggregateTestFixture<User> fixture;
    private InMemoryEmailLookup lookup;
    private final FakePasswordHasher hasher = new FakePasswordHasher();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(User.class);
        lookup = new InMemoryEmailLookup();
        fixture.registerInjectableResource(hasher);
        fixture.registerAnnotatedCommandHandler(new RegisterUserHandler(fixture.getRepository(), lookup, hasher,
                fixture.getEventStore(), Clock.fixed(T0, ZoneOffset.UTC)));
    }

    private static RegisterUserCommand register(String email, String password, String first, String last) {
        return new RegisterUserCommand(ID, email, password, first, last, "s-1", T0, EXP);
    }

    private static UserRegisteredEvent registered() {
        return new UserRegisteredEvent(ID, "ada@example.com", "Ada", "Lovelace", T0);
    }

    @Test
    void registersWithANormalisedEmailAHashedPasswordAndAFirstSession() {
        fixture.givenNoPriorActivity()
                .when(register("  Ada@Example.COM ", "correct horse", " Ada ", "Lovelace"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(registered(),
                        new UserPasswordSetEvent(ID, "hashed:correct horse"),
                        new UserLoggedInEvent(ID, "s-1", T0, EXP))
                .expectResultMessagePayload(new UserProfile(ID, "ada@example.com", "Ada", "Lovelace"));
        assertThat(lookup.claims).containsKey("ada@example.com");
    }

    @Test
    void registersWithoutALastName() {
        fixture.givenNoPriorActivity()
                .when(register("ada@example.com", "correct horse", "Ada", "  "))
                .expectEvents(new UserRegisteredEvent(ID, "ada@example.com", "Ada", null, T0),
                        new UserPasswordSetEvent(ID, "hashed:correct horse"),
                        new UserLoggedInEvent(ID, "s-1", T0, EXP));
    }

    @Test
    void cannotRegisterAnEmailTakenByAnotherUser() {
        lookup.claim("ada@example.com", "someone-else");
        fixture.givenNoPriorActivity()
                .when(register("ADA@example.com", "correct horse", "Ada", null))
                .expectException(ConflictException.class)
                .expectNoEvents();
        assertThat(lookup.claims.get("ada@example.com").userId()).isEqualTo("someone-else");
    }

    @Test
    void cannotRegisterAnEmailWhoseRegistrationIsStillRunning() {
        lookup.now = T0.minusSeconds(30);
        lookup.claim("ada@example.com", "in-flight");
        fixture.givenNoPriorActivity()
                .when(register("ada@example.com", "correct horse", "Ada", null))
                .expectException(ConflictException.class)
                .expectNoEvents();
    }

    @Test
    void takesOverAClaimLeftBehindByACrashedRegistration() {
        lookup.now = T0.minus(RegisterUserHandler.STALE_CLAIM).minusSeconds(1);
        lookup.claim("ada@example.com", "crashed");
        lookup.now = T0;
        fixture.givenNoPriorActivity()
                .when(register("ada@example.com", "correct horse", "Ada", "Lovelace"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(registered(), new UserPasswordSetEvent(ID, "hashed:correct horse"),
                        new UserLoggedInEvent(ID, "s-1", T0, EXP));
        assertThat(lookup.claims.get("ada@example.com").userId()).isEqualTo(ID);
    }

    @Test
    void cannotRegisterAMalformedEmail() {
        fixture.givenNoPriorActivity()
                .when(register("ada-at-example.com", "correct horse", "Ada", null))
                .expectException(ValidationException.class)
                .expectExceptionMessage("Not a valid e-mail address.")
                .expectNoEvents();
    }

    @Test
    void cannotRegisterAPasswordShorterThan8Bytes() {
        fixture.givenNoPriorActivity()
                .when(register("ada@example.com", "1234567", "Ada", null))
                .expectException(ValidationException.class)
                .expectNoEvents();
        assertThat(lookup.claims).as("the claim is given back").isEmpty();
    }

    @Test
    void cannotRegisterAPasswordLongerThan72Bytes() {
        // 25 characters, 75 bytes: the limit is bcrypt's, in bytes
        fixture.givenNoPriorActivity()
                .when(register("ada@example.com", "€".repeat(25), "Ada", null))
                .expectException(ValidationException.class)
                .expectNoEvents();
    }

    @Test
    void cannotRegisterWithoutAFirstName() {
        fixture.givenNoPriorActivity()
                .when(register("ada@example.com", "correct horse", " ", null))
                .expectException(ValidationException.class)
                .expectExceptionMessage("firstName is required.")
                .expectNoEvents();
    }

    @Test
    void cannotRegisterANameLongerThan70Characters() {
        fixture.givenNoPriorActivity()
                .when(register("ada@example.com", "correct horse", "Ada", "x".repeat(71)))
                .expectException(ValidationException.class)
                .expectNoEvents();
    }

    @Test
    void logsInWithTheRightPassword() {
        Instant t1 = T0.plusSeconds(60);
        fixture.given(registered(), new UserPasswordSetEvent(ID, "hashed:correct horse"))
                .when(new LogInUserCommand(ID, "correct horse", "s-2", t1, t1.plusSeconds(3600)))
                .expectEvents(new UserLoggedInEvent(ID, "s-2", t1, t1.plusSeconds(3600)))
                .expectResultMessagePayload(new UserProfile(ID, "ada@example.com", "Ada", "Lovelace"));
    }

    @Test
    void cannotLogInWithAWrongPassword() {
        fixture.given(registered(), new UserPasswordSetEvent(ID, "hashed:correct horse"))
                .when(new LogInUserCommand(ID, "wrong horse", "s-2", T0, EXP))
                .expectException(UnauthorizedException.class)
                .expectExceptionMessage(User.INVALID_CREDENTIALS)
                .expectNoEvents();
    }

    @Test
    void logsOutAnOpenSessionWithItsExpiry() {
        Instant later = T0.plusSeconds(600);
        fixture.given(registered(), new UserPasswordSetEvent(ID, "h"), new UserLoggedInEvent(ID, "s-1", T0, EXP))
                .when(new LogOutUserCommand(ID, "s-1", later))
                .expectEvents(new SessionRevokedEvent(ID, "s-1", EXP, later));
    }

    @Test
    void loggingOutTwiceRevokesOnce() {
        Instant later = T0.plusSeconds(600);
        fixture.given(registered(), new UserLoggedInEvent(ID, "s-1", T0, EXP),
                        new SessionRevokedEvent(ID, "s-1", EXP, later))
                .when(new LogOutUserCommand(ID, "s-1", later.plusSeconds(1)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void loggingOutAnUnknownSessionChangesNothing() {
        fixture.given(registered(), new UserLoggedInEvent(ID, "s-1", T0, EXP))
                .when(new LogOutUserCommand(ID, "not-a-session", T0.plusSeconds(1)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void loggingOutAnExpiredSessionChangesNothing() {
        fixture.given(registered(), new UserLoggedInEvent(ID, "s-1", T0, EXP))
                .when(new LogOutUserCommand(ID, "s-1", EXP.plusSeconds(1)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void forgetsExpiredSessionsWhenANewOneStarts() {
        Instant muchLater = EXP.plusSeconds(3600);
        fixture.given(registered(), new UserLoggedInEvent(ID, "s-1", T0, EXP),
                        new UserLoggedInEvent(ID, "s-2", muchLater, muchLater.plusSeconds(60)))
                .when(new LogOutUserCommand(ID, "s-1", T0.plusSeconds(5)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }
}
