package io.wharf.identity.user.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.wharf.common.error.UnauthorizedException;
import io.wharf.common.events.identity.SessionRevokedEvent;
import io.wharf.common.events.identity.UserRegisteredEvent;
import io.wharf.identity.user.api.LogInUserCommand;
import io.wharf.identity.user.api.LogOutUserCommand;
import io.wharf.identity.user.api.RegisterUserCommand;
import io.wharf.identity.user.api.UserLoggedInEvent;
import io.wharf.identity.user.api.UserPasswordSetEvent;
import io.wharf.identity.user.api.UserProfile;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A person's account: profile, password hash and open sessions. E-mail uniqueness spans users and
 * is checked by {@link RegisterUserHandler} through the write-side lookup before this is created.
 */
@Aggregate
class User {

    static final String INVALID_CREDENTIALS = "Invalid e-mail or password.";

    @AggregateIdentifier
    private String userId;
    private String email;
    private String firstName;
    private String lastName;
    private String passwordHash;
    /** Open sessions: token id → expiry. Expired ones are dropped as new sessions start. */
    private final Map<String, Instant> sessions = new HashMap<>();

    protected User() {
        // for Axon
    }

    /** Registration: checks the shape rules, then records the user, the password and the first session. */
    User(RegisterUserCommand command, PasswordHasher hasher) {
        String normalizedEmail = UserRules.requireEmail(command.email());
        String first = UserRules.requireName(command.firstName(), "firstName", true);
        String last = UserRules.requireName(command.lastName(), "lastName", false);
        UserRules.requirePassword(command.password());
        apply(new UserRegisteredEvent(command.userId(), normalizedEmail, first, last, command.issuedAt()));
        apply(new UserPasswordSetEvent(command.userId(), hasher.hash(command.password())));
        apply(new UserLoggedInEvent(command.userId(), command.sessionId(), command.issuedAt(), command.expiresAt()));
    }

    @CommandHandler
    UserProfile handle(LogInUserCommand command, PasswordHasher hasher) {
        if (!hasher.matches(command.password(), passwordHash)) {
            // Same answer as an unknown e-mail: no account oracle.
            throw new UnauthorizedException(INVALID_CREDENTIALS);
        }
        apply(new UserLoggedInEvent(userId, command.sessionId(), command.issuedAt(), command.expiresAt()));
        return profile();
    }

    @CommandHandler
    void handle(LogOutUserCommand command) {
        Instant expiresAt = sessions.get(command.sessionId());
        if (expiresAt == null || !expiresAt.isAfter(command.revokedAt())) {
            return; // unknown, already revoked or expired: the session is over already (idempotent)
        }
        apply(new SessionRevokedEvent(userId, command.sessionId(), expiresAt, command.revokedAt()));
    }

    UserProfile profile() {
        return new UserProfile(userId, email, firstName, lastName);
    }

    @EventSourcingHandler
    void on(UserRegisteredEvent event) {
        userId = event.userId();
        email = event.email();
        firstName = event.firstName();
        lastName = event.lastName();
    }

    @EventSourcingHandler
    void on(UserPasswordSetEvent event) {
        passwordHash = event.passwordHash();
    }

    @EventSourcingHandler
    void on(UserLoggedInEvent event) {
        sessions.values().removeIf(expiry -> !expiry.isAfter(event.loggedInAt()));
        sessions.put(event.sessionId(), event.expiresAt());
    }

    @EventSourcingHandler
    void on(SessionRevokedEvent event) {
        sessions.remove(event.tokenId());
    }
}
