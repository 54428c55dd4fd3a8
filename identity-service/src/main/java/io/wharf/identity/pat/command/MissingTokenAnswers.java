package io.wharf.identity.pat.command;

import io.wharf.common.error.NotFoundException;
import io.wharf.identity.pat.api.RevokePersonalAccessTokenCommand;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Component;

/**
 * No existence oracle: deleting a token id that does not exist (or was deleted) answers exactly
 * like deleting another user's token ({@link PersonalAccessToken#notFound()}), not with common's
 * generic "Not found." for Axon's {@link AggregateNotFoundException}.
 */
@Component
class MissingTokenAnswers implements MessageHandlerInterceptor<CommandMessage<?>> {

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        try {
            return chain.proceed();
        } catch (AggregateNotFoundException missing) {
            if (unitOfWork.getMessage().getPayloadType() == RevokePersonalAccessTokenCommand.class) {
                throw PersonalAccessToken.notFound();
            }
            throw missing;
        }
    }
}
