package io.wharf.identity.team.command;

import io.wharf.common.error.NotFoundException;
import io.wharf.identity.team.api.AcceptInvitationCommand;
import io.wharf.identity.team.api.ChangeMemberRoleCommand;
import io.wharf.identity.team.api.DeclineInvitationCommand;
import io.wharf.identity.team.api.DeleteTeamCommand;
import io.wharf.identity.team.api.InviteMemberCommand;
import io.wharf.identity.team.api.LeaveTeamCommand;
import io.wharf.identity.team.api.ReinviteMemberCommand;
import io.wharf.identity.team.api.RemoveMemberCommand;
import io.wharf.identity.team.api.RenameTeamCommand;
import java.util.Set;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Component;

/**
 * No existence oracle (SPEC §1.4): a command to a team id that does not exist (never did, or was
 * deleted) must answer exactly like one to a real team the caller is not a member of. The aggregate
 * answers the latter ({@link Team#TEAM_NOT_FOUND}, {@link Team#INVITATION_NOT_FOUND} for the invited
 * user's own routes); the former never reaches it: Axon's repository throws
 * {@link AggregateNotFoundException}, which common would turn into a generic "Not found.". This
 * command handler interceptor (Axon registers such beans on the command bus) gives it the
 * aggregate's own refusal, so the two envelopes are identical (message, field, hint).
 */
@Component
class MissingTeamAnswers implements MessageHandlerInterceptor<CommandMessage<?>> {

    private static final Set<Class<?>> MEMBER_COMMANDS = Set.of(RenameTeamCommand.class, DeleteTeamCommand.class,
            ChangeMemberRoleCommand.class, RemoveMemberCommand.class, LeaveTeamCommand.class,
            InviteMemberCommand.class, ReinviteMemberCommand.class);
    private static final Set<Class<?>> INVITEE_COMMANDS = Set.of(AcceptInvitationCommand.class,
            DeclineInvitationCommand.class);

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        try {
            return chain.proceed();
        } catch (AggregateNotFoundException missing) {
            Class<?> type = unitOfWork.getMessage().getPayloadType();
            if (MEMBER_COMMANDS.contains(type)) {
                throw new NotFoundException(Team.TEAM_NOT_FOUND);
            }
            if (INVITEE_COMMANDS.contains(type)) {
                throw new NotFoundException(Team.INVITATION_NOT_FOUND);
            }
            throw missing;
        }
    }
}
