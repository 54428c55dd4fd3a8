package io.wharf.node.inbound;

import io.wharf.agent.protocol.v1.Close;
import io.wharf.common.events.identity.TeamDeletedEvent;
import io.wharf.common.kafka.KafkaSubscription;
import io.wharf.common.kafka.Topics;
import io.wharf.node.agent.AgentDispatcher;
import io.wharf.node.install.InstallStore;
import io.wharf.node.node.api.DeleteNodeCommand;
import io.wharf.node.node.command.NodeNameLookup;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What node-service takes from identity's topic: a deleted team takes its nodes with it. */
@Configuration(proxyBeanMethods = false)
class IdentityEventsSubscription {

    static final String TEAM_DELETION_GROUP = "node-service.team-deletion";

    @Bean
    KafkaSubscription teamDeletionSubscription(CommandGateway commands, NodeNameLookup nodes, AgentDispatcher agents,
                                               InstallStore installs) {
        return KafkaSubscription.to(Topics.IDENTITY, TEAM_DELETION_GROUP)
                .on(TeamDeletedEvent.class, (event, envelope) -> {
                    for (String nodeId : nodes.nodesOfTeam(event.teamId())) {
                        try {
                            commands.sendAndWait(new DeleteNodeCommand(nodeId, event.teamId(), null,
                                    event.deletedAt(), true));
                        } catch (AggregateNotFoundException alreadyGone) {
                            // a redelivery: deleted before
                        }
                        agents.kick(nodeId, Close.Reason.NODE_DELETED);
                        installs.remove(nodeId);
                        nodes.releaseOthers(nodeId, null);
                    }
                })
                .build();
    }
}
