package io.wharf.common.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wharf.common.metadata.ActorType;
import io.wharf.common.metadata.CurrentRequest;
import io.wharf.common.metadata.RequestContext;
import io.wharf.common.security.WharfPrincipal;
import io.wharf.common.test.InProcessKafka;
import io.wharf.common.test.InProcessMongo;
import io.wharf.common.test.publisher.PublishingTestApplication;
import io.wharf.common.test.publisher.RegisterUserCommand;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * SPEC §1.6's crash rule on the service side, with a real Axon event store on Mongo: the gateway
 * stored nothing (it crashed, or its store failed, after the service answered), so the client's retry
 * reaches the service again with the same key, credential, method and path. The controller makes a
 * fresh id for the retry, as controllers do; the command must still not run twice.
 */
class CommandDeduplicationTest {

    private static ConfigurableApplicationContext app;

    @BeforeAll
    static void start() {
        app = PublishingTestApplication.start(InProcessKafka.bootstrapServers(), InProcessMongo.uri(),
                InProcessMongo.freshDatabase(CommandDeduplicationTest.class));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void aRetriedRequestGetsTheFirstResultAndTheCommandRunsOnce() {
        String first = UUID.randomUUID().toString();
        String retry = UUID.randomUUID().toString();

        Object firstResult = register(first, "jti-1", "post", "/api/users", "key-1");
        Object retryResult = register(retry, "jti-1", "post", "/api/users", "key-1");

        assertThat(firstResult).isEqualTo(first);
        assertThat(retryResult).isEqualTo(first);
        assertThat(eventsOf(first)).isEqualTo(2);
        assertThat(eventsOf(retry)).isZero();
    }

    @Test
    void anotherKeyCredentialPathOrMethodIsAnotherRequest() {
        register(UUID.randomUUID().toString(), "jti-2", "post", "/api/users", "key-2");

        for (String[] other : new String[][] {
                {"jti-2", "post", "/api/users", "key-3"},
                {"jti-3", "post", "/api/users", "key-2"},
                {"jti-2", "post", "/api/other", "key-2"},
                {"jti-2", "patch", "/api/users", "key-2"}}) {
            String id = UUID.randomUUID().toString();
            assertThat(register(id, other[0], other[1], other[2], other[3])).isEqualTo(id);
            assertThat(eventsOf(id)).isEqualTo(2);
        }
    }

    @Test
    void withoutAKeyOrForOtherMethodsNothingIsDeduplicated() {
        for (String[] request : new String[][] {{"post", null}, {"post", null}, {"put", "key-4"}, {"put", "key-4"}}) {
            String id = UUID.randomUUID().toString();
            assertThat(register(id, "jti-4", request[0], "/api/users", request[1])).isEqualTo(id);
            assertThat(eventsOf(id)).isEqualTo(2);
        }
    }

    @Test
    void aRefusedCommandRecordsNothingSoTheClientMayRetry() {
        String taken = UUID.randomUUID().toString();
        register(taken, "jti-5", "post", "/api/users", "key-5");

        // The same aggregate id again: the append fails, the unit of work rolls back.
        assertThatThrownBy(() -> register(taken, "jti-5", "post", "/api/users", "key-6")).isNotNull();
        String fresh = UUID.randomUUID().toString();

        assertThat(register(fresh, "jti-5", "post", "/api/users", "key-6")).isEqualTo(fresh);
        assertThat(eventsOf(fresh)).isEqualTo(2);
    }

    @Test
    void twoCommandsOfOneRequestAreTwoEntries() {
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        request("jti-6", "post", "/api/bulk", "key-7");
        try {
            CommandGateway commands = app.getBean(CommandGateway.class);
            assertThat((Object) commands.sendAndWait(command(a))).isEqualTo(a);
            assertThat((Object) commands.sendAndWait(command(b))).isEqualTo(b);
        } finally {
            CurrentRequest.clear();
        }
        assertThat(eventsOf(a)).isEqualTo(2);
        assertThat(eventsOf(b)).isEqualTo(2);
    }

    private static Object register(String userId, String tokenId, String method, String path, String key) {
        request(tokenId, method, path, key);
        try {
            return app.getBean(CommandGateway.class).sendAndWait(command(userId));
        } finally {
            CurrentRequest.clear();
        }
    }

    private static void request(String tokenId, String method, String path, String key) {
        CurrentRequest.set(new RequestContext("req_" + UUID.randomUUID(),
                new WharfPrincipal("user-1", "ada@example.com", WharfPrincipal.PAT, tokenId, "ci", ActorType.USER),
                null, "http", method, "/api/users", key, path));
    }

    private static RegisterUserCommand command(String userId) {
        return new RegisterUserCommand(userId, userId + "@example.com", "Ada", "Lovelace", Instant.now());
    }

    private static long eventsOf(String aggregateId) {
        return app.getBean(EventStore.class).readEvents(aggregateId).asStream().count();
    }
}
