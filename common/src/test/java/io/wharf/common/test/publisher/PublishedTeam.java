package io.wharf.common.test.publisher;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.wharf.common.events.identity.TeamCreatedEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.SourceId;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * Applies whatever events it is given (no rules: identity's Team aggregate has them), team events or,
 * as another context's stand-in, that context's events under their aggregate id.
 */
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

    /**
     * Any other first event (another context's, e.g. a project's under the project id) names the
     * aggregate by its stored identifier, so a second command on the same id can load it.
     */
    @EventSourcingHandler
    void on(Object event, @SourceId String aggregateId) {
        teamId = aggregateId;
    }
}
