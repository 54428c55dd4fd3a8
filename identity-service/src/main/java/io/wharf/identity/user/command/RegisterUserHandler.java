package io.wharf.identity.user.command;

import io.wharf.identity.user.api.RegisterUserCommand;
import io.wharf.identity.user.api.UserProfile;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * Registration spans users (the e-mail is unique), so it is handled here rather than in a
 * {@link User} constructor: claim the address in the write-side lookup, then create the user. A
 * failed registration gives the claim back.
 */
@Component
class RegisterUserHandler {

    private final Repository<User> users;
    private final EmailLookup lookup;
    private final PasswordHasher hasher;

    RegisterUserHandler(Repository<User> userRepository, EmailLookup lookup, PasswordHasher hasher) {
        this.users = userRepository;
        this.lookup = lookup;
        this.hasher = hasher;
    }

    @CommandHandler
    UserProfile handle(RegisterUserCommand command, UnitOfWork<?> unitOfWork) throws Exception {
        String email = UserRules.requireEmail(command.email());
        lookup.claim(email, command.userId());
        unitOfWork.onRollback(u -> lookup.release(email, command.userId()));
        return users.newInstance(() -> new User(command, hasher)).invoke(User::profile);
    }
}
