package io.wharf.project.project.command;

import io.wharf.common.events.identity.TeamDeletedEvent;
import io.wharf.common.kafka.KafkaSubscription;
import io.wharf.common.kafka.Topics;
import io.wharf.project.project.api.Caller;
import io.wharf.project.project.api.DeleteProjectCommand;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * SPEC §2 "deleting a team deletes everything in it": identity's {@code TeamDeletedEvent} deletes
 * each of the team's projects (consumer group {@value #GROUP}). Idempotent: a project already gone is
 * skipped, so a redelivery changes nothing.
 */
@Configuration(proxyBeanMethods = false)
class ProjectsOfDeletedTeams {

    static final String GROUP = "project-service.project-cleanup";

    @Bean
    KafkaSubscription projectCleanupSubscription(ProjectNameLookup projects, CommandGateway commands) {
        return KafkaSubscription.to(Topics.IDENTITY, GROUP)
                .on(TeamDeletedEvent.class, (event, envelope) -> deleteProjects(event, projects, commands))
                .build();
    }

    static void deleteProjects(TeamDeletedEvent event, ProjectNameLookup projects, CommandGateway commands) {
        for (String projectId : projects.projectsOf(event.teamId())) {
            try {
                commands.sendAndWait(new DeleteProjectCommand(projectId, Caller.system(event.teamId(),
                        event.deletedAt())));
            } catch (RuntimeException e) {
                if (!alreadyGone(e)) {
                    throw e;
                }
                // deleted meanwhile (or by an earlier delivery of this event)
            }
        }
    }

    private static boolean alreadyGone(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof AggregateNotFoundException) {
                return true;
            }
        }
        return false;
    }
}
