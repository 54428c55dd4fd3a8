package io.wharf.common.metadata;

import io.wharf.common.security.WharfPrincipal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * Copies the {@link CurrentRequest} into the MetaData of every command sent on the request thread,
 * so the aggregate's events carry who did what (the correlation data provider passes the keys on).
 * A command sent with no request on the thread comes from a saga, a policy or a deadline: it is
 * marked {@code context=system, actorType=system}, keeping the request id of the message that
 * caused it when there is one. Keys the sender set itself are never overwritten.
 */
class RequestMetadataInterceptor implements MessageDispatchInterceptor<CommandMessage<?>> {

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(
            List<? extends CommandMessage<?>> messages) {
        return (index, command) -> {
            Map<String, Object> facts = CurrentRequest.get()
                    .map(request -> {
                        Map<String, Object> fromRequest = fromRequest(request);
                        put(fromRequest, WharfMetadata.IDEMPOTENCY_SCOPE,
                                IdempotencyScope.of(request, command.getCommandName()));
                        return fromRequest;
                    })
                    .orElseGet(RequestMetadataInterceptor::system);
            Map<String, Object> merged = new HashMap<>(facts);
            merged.putAll(command.getMetaData());
            return command.withMetaData(MetaData.from(merged));
        };
    }

    static Map<String, Object> fromRequest(RequestContext request) {
        Map<String, Object> facts = new HashMap<>();
        put(facts, WharfMetadata.REQUEST_ID, request.requestId());
        put(facts, WharfMetadata.TEAM_ID, request.teamId());
        put(facts, WharfMetadata.CONTEXT, request.context());
        put(facts, WharfMetadata.METHOD, request.method());
        put(facts, WharfMetadata.ROUTE, request.route());
        put(facts, WharfMetadata.IDEMPOTENCY_KEY, request.idempotencyKey());
        WharfPrincipal principal = request.principal();
        if (principal != null) {
            put(facts, WharfMetadata.ACTOR_TYPE, principal.actorType() == null ? null : principal.actorType().wire());
            put(facts, WharfMetadata.ACTOR_ID, principal.userId());
            put(facts, WharfMetadata.ACTOR_EMAIL, principal.email());
            put(facts, WharfMetadata.ACTOR_TOKEN_NAME, principal.tokenName());
            put(facts, WharfMetadata.CREDENTIAL, principal.credential());
        }
        return facts;
    }

    private static Map<String, Object> system() {
        Map<String, Object> facts = new HashMap<>();
        facts.put(WharfMetadata.CONTEXT, SYSTEM);
        facts.put(WharfMetadata.ACTOR_TYPE, ActorType.SYSTEM.wire());
        if (CurrentUnitOfWork.isStarted() && CurrentUnitOfWork.get().getMessage() != null) {
            MetaData cause = CurrentUnitOfWork.get().getMessage().getMetaData();
            put(facts, WharfMetadata.REQUEST_ID, cause.get(WharfMetadata.REQUEST_ID));
            put(facts, WharfMetadata.TEAM_ID, cause.get(WharfMetadata.TEAM_ID));
        }
        return facts;
    }

    static final String SYSTEM = "system";

    private static void put(Map<String, Object> facts, String key, Object value) {
        if (value != null) {
            facts.put(key, value);
        }
    }
}
