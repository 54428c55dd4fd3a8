package io.wharf.common.test.publisher;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.wharf.common.events.identity.UserRegisteredEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** The smallest event-sourced aggregate that emits a real published event. */
@Aggregate
public class RegisteredUser {

    @AggregateIdentifier
    private String userId;

    protected RegisteredUser() {
    }

    @CommandHandler
    public RegisteredUser(RegisterUserCommand command) {
        apply(new SecretKeptEvent(command.userId()));
        apply(new UserRegisteredEvent(command.userId(), command.email(), command.firstName(),
                command.lastName(), command.registeredAt()));
    }

    @EventSourcingHandler
    void on(SecretKeptEvent event) {
        this.userId = event.userId();
    }
}
