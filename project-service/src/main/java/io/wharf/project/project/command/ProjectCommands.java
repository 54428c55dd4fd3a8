package io.wharf.project.project.command;

import io.wharf.common.access.TeamAccess;
import io.wharf.common.events.identity.TeamRole;
import io.wharf.common.security.WharfPrincipal;
import io.wharf.common.axon.ViewWait;
import io.wharf.project.project.api.Caller;
import io.wharf.project.project.api.FindProjectViewVersionQuery;
import java.time.Clock;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * What every catalogue command endpoint does: authorise the caller in the team (404 for strangers,
 * 403 below {@code user}), build the {@link Caller} the aggregate checks, send the command, and wait
 * until the project views show its events (read-your-writes).
 */
@Component
class ProjectCommands {

    private final TeamAccess access;
    private final CommandGateway commands;
    private final ViewWait views;
    private final Clock clock;

    ProjectCommands(TeamAccess access, CommandGateway commands, ViewWait views, ObjectProvider<Clock> clocks) {
        this.access = access;
        this.commands = commands;
        this.views = views;
        this.clock = clocks.getIfUnique(Clock::systemUTC);
    }

    /** SPEC §1.4: every member (user and up) writes projects, versions, images and packages. */
    Caller caller(WharfPrincipal principal, String teamSlug) {
        String teamId = access.require(principal, teamSlug, TeamRole.USER);
        TeamRole role = access.roleIn(principal, teamSlug).orElse(TeamRole.USER);
        return new Caller(teamId, teamSlug, principal.userId(), role, clock.instant());
    }

    /** Sends a command that applies nothing (a check): no view to wait for. */
    void check(Object command) {
        commands.sendAndWait(command);
    }

    /** Sends the command to the project, then waits for the views; answers the handler's result. */
    <R> R send(String projectId, Object command) {
        R result = commands.sendAndWait(command);
        views.awaitView(projectId, new FindProjectViewVersionQuery(projectId));
        return result;
    }
}
