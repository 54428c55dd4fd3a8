package io.wharf.identity.pat.command;

import io.wharf.common.error.NotFoundException;
import io.wharf.common.error.ValidationException;
import io.wharf.common.events.identity.PersonalAccessTokenCreatedEvent;
import io.wharf.common.events.identity.PersonalAccessTokenRevokedEvent;
import io.wharf.identity.pat.api.CreatePersonalAccessTokenCommand;
import io.wharf.identity.pat.api.RevokePersonalAccessTokenCommand;
import java.time.Instant;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PersonalAccessTokenTest {

    private static final String TOKEN = "3f9c2b1a-7d4e-4c5b-8a6f-0e1d2c3b4a59";
    private static final String OWNER = "owner-1";
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final Instant TOMORROW = NOW.plusSeconds(86_400);

    private FixtureConfiguration<PersonalAccessToken> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PersonalAccessToken.class);
    }

    @Test
    void createsATokenWithATrimmedName() {
        fixture.givenNoPriorActivity()
                .when(new CreatePersonalAccessTokenCommand(TOKEN, OWNER, "  ci pipeline ", NOW, TOMORROW))
                .expectEvents(new PersonalAccessTokenCreatedEvent(TOKEN, OWNER, "ci pipeline", NOW, TOMORROW));
    }

    @Test
    void aTokenMayNeverExpire() {
        fixture.givenNoPriorActivity()
                .when(new CreatePersonalAccessTokenCommand(TOKEN, OWNER, "forever", NOW, null))
                .expectEvents(new PersonalAccessTokenCreatedEvent(TOKEN, OWNER, "forever", NOW, null));
    }

    @Test
    void refusesABlankName() {
        fixture.givenNoPriorActivity()
                .when(new CreatePersonalAccessTokenCommand(TOKEN, OWNER, "   ", NOW, TOMORROW))
                .expectException(ValidationException.class)
                .expectNoEvents();
    }

    @Test
    void refusesANameWithControlCharacters() {
        for (String name : new String[] {"ci\r\nadmin", "ci\n", "ci\u001b[31m", "ci\u007f",
                "ci\u202Egpj.exe", "c\u200Bi", "ci\u200D", "\uFEFFci", "ci\u2028admin", "ci\u2029admin"}) {
            fixture.givenNoPriorActivity()
                    .when(new CreatePersonalAccessTokenCommand(TOKEN, OWNER, name, NOW, TOMORROW))
                    .expectException(ValidationException.class)
                    .expectExceptionMessage("name must not contain control characters (line breaks, tabs...).")
                    .expectNoEvents();
        }
    }

    @Test
    void refusesANameOverSeventyCharacters() {
        fixture.givenNoPriorActivity()
                .when(new CreatePersonalAccessTokenCommand(TOKEN, OWNER, "x".repeat(71), NOW, TOMORROW))
                .expectException(ValidationException.class)
                .expectNoEvents();
    }

    @Test
    void refusesAnExpiryThatIsNotAfterCreation() {
        fixture.givenNoPriorActivity()
                .when(new CreatePersonalAccessTokenCommand(TOKEN, OWNER, "past", NOW, NOW))
                .expectException(ValidationException.class)
                .expectNoEvents();
    }

    @Test
    void theOwnerRevokesItsTokenWithItsExpiry() {
        Instant revokedAt = NOW.plusSeconds(60);
        fixture.given(new PersonalAccessTokenCreatedEvent(TOKEN, OWNER, "ci", NOW, TOMORROW))
                .when(new RevokePersonalAccessTokenCommand(TOKEN, OWNER, revokedAt))
                .expectEvents(new PersonalAccessTokenRevokedEvent(TOKEN, OWNER, TOMORROW, revokedAt))
                .expectMarkedDeleted();
    }

    @Test
    void anotherUserCannotRevokeItAndLearnsNothing() {
        fixture.given(new PersonalAccessTokenCreatedEvent(TOKEN, OWNER, "ci", NOW, TOMORROW))
                .when(new RevokePersonalAccessTokenCommand(TOKEN, "someone-else", NOW))
                .expectException(NotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void aRevokedTokenCannotBeRevokedAgain() {
        fixture.given(new PersonalAccessTokenCreatedEvent(TOKEN, OWNER, "ci", NOW, TOMORROW),
                        new PersonalAccessTokenRevokedEvent(TOKEN, OWNER, TOMORROW, NOW))
                .when(new RevokePersonalAccessTokenCommand(TOKEN, OWNER, NOW))
                .expectException(AggregateDeletedException.class);
    }
}
