package io.wharf.identity.user.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.wharf.common.error.ConflictException;
import io.wharf.identity.user.api.RegisterUserCommand;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.Repository;
import org.junit.jupiter.api.Test;

/** The one path the fixture cannot stage: a stale claim whose user does exist in the event store. */
class RegisterUserHandlerTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    @SuppressWarnings("unchecked")
    void repairsTheLostConfirmationOfAStoredUserAndRefusesTheAddress() {
        InMemoryEmailLookup lookup = new InMemoryEmailLookup();
        lookup.now = NOW.minus(RegisterUserHandler.STALE_CLAIM).minusSeconds(60);
        lookup.claim("ada@example.com", "stored-user");
        EventStore events = mock(EventStore.class);
        when(events.lastSequenceNumberFor("stored-user")).thenReturn(Optional.of(2L));
        RegisterUserHandler handler = new RegisterUserHandler(mock(Repository.class), lookup,
                new FakePasswordHasher(), events, Clock.fixed(NOW, ZoneOffset.UTC));
        RegisterUserCommand command = new RegisterUserCommand("new-user", "Ada@example.com", "correct horse", "Ada",
                null, "s", NOW, NOW.plusSeconds(60));

        // A unit of work of its own, ended afterwards: a started one left on the test thread would leak
        // into the next test class that dispatches a command on this thread.
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        try {
            assertThatThrownBy(() -> handler.handle(command, unitOfWork)).isInstanceOf(ConflictException.class);
        } finally {
            unitOfWork.rollback();
        }
        assertThat(lookup.claims.get("ada@example.com").confirmed()).isTrue();
        assertThat(lookup.claims.get("ada@example.com").userId()).isEqualTo("stored-user");
    }
}
