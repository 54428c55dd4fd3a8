package io.wharf.common.test.publisher;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.wharf.common.events.identity.TeamCreatedEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/** Applies whatever team events it is given (no rules: identity's Team aggregate has them). */
@Aggregate
public class PublishedTeam {

    @AggregateIdentifier
    private String teamId;

    protected PublishedTeam() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(PublishTeamEventsCommand command) {
        teamId = command.teamId();
        command.events().forEach(event -> apply(event));
    }

    @EventSourcingHandler
    void on(TeamCreatedEvent event) {
        teamId = event.teamId();
    }
}
