package io.wharf.common.test.publisher;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Test stand-in for identity's team commands: the {@link PublishedTeam} aggregate applies exactly
 * these events (records of {@code io.wharf.common.events.identity}), so they are stored with the
 * team id as aggregate id and their sequence numbers, and published like identity publishes them.
 */
public record PublishTeamEventsCommand(@TargetAggregateIdentifier String teamId, List<Object> events) {

    public PublishTeamEventsCommand(String teamId, Object... events) {
        this(teamId, List.of(events));
    }
}
