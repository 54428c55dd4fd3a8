package io.wharf.common.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.common.security.WharfPrincipal;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.deadline.GenericDeadlineMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RequestMetadataTest {

    private final RequestMetadataInterceptor interceptor = new RequestMetadataInterceptor();
    private final WharfCorrelationDataProvider correlation = new WharfCorrelationDataProvider();

    @AfterEach
    void clear() {
        CurrentRequest.clear();
    }

    private Map<String, Object> correlationOf(org.axonframework.messaging.Message<?> message) {
        return new java.util.HashMap<>(correlation.correlationDataFor(message));
    }

    private CommandMessage<?> dispatch(CommandMessage<?> command) {
        return interceptor.handle(List.of(command)).apply(0, command);
    }

    @Test
    void commandsSentOnARequestCarryItsFacts() {
        CurrentRequest.set(new RequestContext("req_1",
                new WharfPrincipal("u-1", "u@example.com", WharfPrincipal.DEPLOYMENT, "jti", "deploy-prod",
                        ActorType.DEPLOYMENT_TOKEN),
                "team-1", "http", "post", "/api/{teamSlug}/deployments/{id}/start", "key-1"));

        MetaData metaData = dispatch(GenericCommandMessage.asCommandMessage("start")).getMetaData();

        assertThat(metaData).containsEntry(WharfMetadata.REQUEST_ID, "req_1")
                .containsEntry(WharfMetadata.ACTOR_TYPE, "deployment-token")
                .containsEntry(WharfMetadata.ACTOR_ID, "u-1")
                .containsEntry(WharfMetadata.ACTOR_EMAIL, "u@example.com")
                .containsEntry(WharfMetadata.ACTOR_TOKEN_NAME, "deploy-prod")
                .containsEntry(WharfMetadata.CREDENTIAL, "deployment")
                .containsEntry(WharfMetadata.TEAM_ID, "team-1")
                .containsEntry(WharfMetadata.CONTEXT, "http")
                .containsEntry(WharfMetadata.METHOD, "post")
                .containsEntry(WharfMetadata.ROUTE, "/api/{teamSlug}/deployments/{id}/start")
                .containsEntry(WharfMetadata.IDEMPOTENCY_KEY, "key-1");
    }

    @Test
    void commandsSentBySagasAreSystemActsThatKeepTheCausingRequestId() {
        var cause = GenericEventMessage.asEventMessage("rollout step done")
                .withMetaData(Map.of(WharfMetadata.REQUEST_ID, "req_origin", WharfMetadata.TEAM_ID, "team-9",
                        WharfMetadata.ACTOR_ID, "u-1", WharfMetadata.CONTEXT, "http"));
        var unitOfWork = DefaultUnitOfWork.startAndGet(cause);
        try {
            MetaData metaData = dispatch(GenericCommandMessage.asCommandMessage("next step")).getMetaData();

            assertThat(metaData).containsEntry(WharfMetadata.CONTEXT, "system")
                    .containsEntry(WharfMetadata.ACTOR_TYPE, "system")
                    .containsEntry(WharfMetadata.REQUEST_ID, "req_origin")
                    .containsEntry(WharfMetadata.TEAM_ID, "team-9")
                    .doesNotContainKey(WharfMetadata.ACTOR_ID);
        } finally {
            unitOfWork.rollback();
        }
    }

    @Test
    void metadataTheSenderSetIsKept() {
        CommandMessage<?> command = GenericCommandMessage.asCommandMessage("x")
                .withMetaData(Map.of(WharfMetadata.CONTEXT, "rpc"));

        assertThat(dispatch(command).getMetaData()).containsEntry(WharfMetadata.CONTEXT, "rpc");
    }

    @Test
    void eventsInheritTheCommandsFactsAndDeadlinesMakeThemSystemActs() {
        Map<String, Object> facts = Map.of(WharfMetadata.REQUEST_ID, "req_1", WharfMetadata.ACTOR_ID, "u-1",
                WharfMetadata.CONTEXT, "http", WharfMetadata.TEAM_ID, "team-1", "unrelated", "x");

        assertThat(correlationOf(GenericCommandMessage.asCommandMessage("c").withMetaData(facts)))
                .containsEntry(WharfMetadata.ACTOR_ID, "u-1").containsEntry(WharfMetadata.CONTEXT, "http")
                .doesNotContainKey("unrelated");
        assertThat(correlationOf(new GenericDeadlineMessage<>("deploymentTimeout").withMetaData(facts)))
                .containsEntry(WharfMetadata.CONTEXT, "system")
                .containsEntry(WharfMetadata.ACTOR_TYPE, "system")
                .containsEntry(WharfMetadata.REQUEST_ID, "req_1")
                .containsEntry(WharfMetadata.TEAM_ID, "team-1")
                .doesNotContainKey(WharfMetadata.ACTOR_ID);
    }
}
