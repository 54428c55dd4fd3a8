package io.wharf.common.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.common.error.ConflictException;
import io.wharf.common.metadata.WharfMetadata;
import io.wharf.common.test.InProcessMongo;
import io.wharf.common.test.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

/** The interceptor's own rules with a real Mongo, without Spring: unrepeatable results, rollbacks. */
class CommandDeduplicationInterceptorTest {

    private final HandledCommands handled = new HandledCommands(
            () -> InProcessMongo.newDatabase(CommandDeduplicationInterceptorTest.class), Duration.ofHours(1));
    private final CommandDeduplicationInterceptor interceptor =
            new CommandDeduplicationInterceptor(handled, JacksonSerializer.defaultSerializer());
    private final AtomicInteger runs = new AtomicInteger();

    @Test
    void aResultThatCannotBeSerializedStillCommitsAndARetryGetsConflict() {
        ResultMessage<?> first = handle("scope-1", () -> new Object());
        ResultMessage<?> retry = handle("scope-1", () -> new Object());

        assertThat(first.isExceptional()).isFalse();
        assertThat(retry.isExceptional()).isTrue();
        assertThat(retry.exceptionResult()).isInstanceOf(ConflictException.class);
        assertThat(runs).hasValue(1);
    }

    @Test
    void aFailedHandlerLeavesNoRecord() {
        ResultMessage<?> failed = handle("scope-2", () -> {
            throw new IllegalStateException("refused");
        });
        ResultMessage<?> retry = handle("scope-2", () -> "id-2");

        assertThat(failed.isExceptional()).isTrue();
        assertThat(retry.getPayload()).isEqualTo("id-2");
        assertThat(runs).hasValue(2);
        assertThat(handle("scope-2", () -> "id-other").getPayload()).isEqualTo("id-2");
        assertThat(runs).hasValue(2);
    }

    @Test
    void anExpiredEntryIsNeitherAnsweredFromNorKeptForever() {
        MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));
        HandledCommands expiring = new HandledCommands(
                () -> InProcessMongo.newDatabase(CommandDeduplicationInterceptorTest.class), Duration.ofHours(1), clock);
        CommandDeduplicationInterceptor withExpiry =
                new CommandDeduplicationInterceptor(expiring, JacksonSerializer.defaultSerializer());
        assertThat(handle(withExpiry, "scope-old", () -> "first").getPayload()).isEqualTo("first");
        assertThat(handle(withExpiry, "scope-gone", () -> "other").getPayload()).isEqualTo("other");
        clock.advance(Duration.ofMinutes(59));
        assertThat(handle(withExpiry, "scope-old", () -> "second").getPayload()).isEqualTo("first");

        clock.advance(Duration.ofMinutes(2)); // past the retention: the gateway forgot the key, so do we
        assertThat(expiring.find("scope-old")).isNull();
        assertThat(handle(withExpiry, "scope-old", () -> "third").getPayload()).isEqualTo("third");
        assertThat(runs).hasValue(3);
        // the record above purged what had expired (scope-gone); the new scope-old entry stays
        assertThat(expiring.purgeExpired()).isZero();
        assertThat(expiring.find("scope-old")).isNotNull();
        clock.advance(Duration.ofHours(2));
        assertThat(expiring.purgeExpired()).isEqualTo(1);
    }

    @Test
    void commandsWithoutAScopeAlwaysRun() {
        CommandMessage<?> plain = GenericCommandMessage.asCommandMessage("cmd");
        for (int i = 0; i < 2; i++) {
            DefaultUnitOfWork<CommandMessage<?>> unitOfWork = DefaultUnitOfWork.startAndGet(plain);
            unitOfWork.executeWithResult(() -> interceptor.handle(unitOfWork, () -> runs.incrementAndGet()));
        }
        assertThat(runs).hasValue(2);
    }

    private ResultMessage<?> handle(String scope, java.util.function.Supplier<Object> handler) {
        return handle(interceptor, scope, handler);
    }

    private ResultMessage<?> handle(CommandDeduplicationInterceptor interceptor, String scope,
                                    java.util.function.Supplier<Object> handler) {
        CommandMessage<?> command = GenericCommandMessage.asCommandMessage("cmd")
                .withMetaData(Map.of(WharfMetadata.IDEMPOTENCY_SCOPE, scope));
        DefaultUnitOfWork<CommandMessage<?>> unitOfWork = DefaultUnitOfWork.startAndGet(command);
        return unitOfWork.executeWithResult(() -> interceptor.handle(unitOfWork, () -> {
            runs.incrementAndGet();
            return handler.get();
        }));
    }
}
