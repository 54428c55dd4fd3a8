package io.wharf.identity.user.command;

import io.wharf.common.error.ConflictException;
import io.wharf.identity.user.api.RegisterUserCommand;
import io.wharf.identity.user.api.UserProfile;
import java.time.Clock;
import java.time.Duration;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * Registration spans users (the e-mail is unique), so it is handled here rather than in a
 * {@link User} constructor: claim the address in the write-side lookup, then create the user. A
 * failed registration gives the claim back.
 */
@Component
class RegisterUserHandler {

    /**
     * A claim still unconfirmed after this long belongs to a registration that died between claim and
     * event store (a crash): far longer than any registration takes.
     */
    static final Duration STALE_CLAIM = Duration.ofMinutes(5);

    private final Repository<User> users;
    private final EmailLookup lookup;
    private final PasswordHasher hasher;
    private final EventStore events;
    private final Clock clock;

    RegisterUserHandler(Repository<User> userRepository, EmailLookup lookup, PasswordHasher hasher,
            EventStore events, Clock clock) {
        this.users = userRepository;
        this.lookup = lookup;
        this.hasher = hasher;
        this.events = events;
        this.clock = clock;
    }

    @CommandHandler
    UserProfile handle(RegisterUserCommand command, UnitOfWork<?> unitOfWork) throws Exception {
        String email = UserRules.requireEmail(command.email());
        claim(email, command.userId());
        unitOfWork.onRollback(u -> lookup.release(email, command.userId()));
        return users.newInstance(() -> new User(command, hasher)).invoke(User::profile);
    }

    private void claim(String email, String userId) {
        try {
            lookup.claim(email, userId);
        } catch (ConflictException taken) {
            EmailLookup.Claim existing = lookup.find(email).orElseThrow(() -> taken);
            if (existing.confirmed() || existing.claimedAt().isAfter(clock.instant().minus(STALE_CLAIM))) {
                throw taken;
            }
            if (userExists(existing.userId())) {
                // The user was stored but its confirmation was lost: repair the entry, the address is taken.
                lookup.confirm(email, existing.userId());
                throw taken;
            }
            if (!lookup.takeOver(email, existing.userId(), userId)) {
                throw taken;
            }
        }
    }

    private boolean userExists(String userId) {
        try {
            return events.lastSequenceNumberFor(userId).isPresent();
        } catch (AggregateNotFoundException e) {
            return false; // some stores (Axon's test fixture) say "no events" this way
        }
    }
}
