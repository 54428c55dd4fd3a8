package io.wharf.common.metadata;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;

/**
 * Passes the request facts from the message being handled (a command, or a deadline) onto every
 * message created while handling it, above all the events the aggregate applies. Events applied
 * from a deadline are the system's doing, whoever scheduled it: they carry {@code context=system}.
 */
class WharfCorrelationDataProvider implements CorrelationDataProvider {

    static final List<String> KEYS = List.of(
            WharfMetadata.REQUEST_ID, WharfMetadata.ACTOR_TYPE, WharfMetadata.ACTOR_ID,
            WharfMetadata.ACTOR_EMAIL, WharfMetadata.ACTOR_TOKEN_NAME, WharfMetadata.CREDENTIAL,
            WharfMetadata.TEAM_ID, WharfMetadata.CONTEXT, WharfMetadata.METHOD, WharfMetadata.ROUTE,
            WharfMetadata.IDEMPOTENCY_KEY);

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        Map<String, Object> data = new HashMap<>();
        for (String key : KEYS) {
            Object value = message.getMetaData().get(key);
            if (value != null) {
                data.put(key, value);
            }
        }
        if (message instanceof DeadlineMessage<?>) {
            data.put(WharfMetadata.CONTEXT, RequestMetadataInterceptor.SYSTEM);
            data.put(WharfMetadata.ACTOR_TYPE, ActorType.SYSTEM.wire());
            data.remove(WharfMetadata.ACTOR_ID);
            data.remove(WharfMetadata.ACTOR_EMAIL);
            data.remove(WharfMetadata.ACTOR_TOKEN_NAME);
            data.remove(WharfMetadata.CREDENTIAL);
            data.remove(WharfMetadata.METHOD);
            data.remove(WharfMetadata.ROUTE);
            data.remove(WharfMetadata.IDEMPOTENCY_KEY);
        }
        return data;
    }
}
