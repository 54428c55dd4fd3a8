package io.wharf.common.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.common.error.ConflictException;
import io.wharf.common.metadata.WharfMetadata;
import io.wharf.common.test.InProcessMongo;
import java.time.Duration;
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
    void commandsWithoutAScopeAlwaysRun() {
        CommandMessage<?> plain = GenericCommandMessage.asCommandMessage("cmd");
        for (int i = 0; i < 2; i++) {
            DefaultUnitOfWork<CommandMessage<?>> unitOfWork = DefaultUnitOfWork.startAndGet(plain);
            unitOfWork.executeWithResult(() -> interceptor.handle(unitOfWork, () -> runs.incrementAndGet()));
        }
        assertThat(runs).hasValue(2);
    }

    private ResultMessage<?> handle(String scope, java.util.function.Supplier<Object> handler) {
        CommandMessage<?> command = GenericCommandMessage.asCommandMessage("cmd")
                .withMetaData(Map.of(WharfMetadata.IDEMPOTENCY_SCOPE, scope));
        DefaultUnitOfWork<CommandMessage<?>> unitOfWork = DefaultUnitOfWork.startAndGet(command);
        return unitOfWork.executeWithResult(() -> interceptor.handle(unitOfWork, () -> {
            runs.incrementAndGet();
            return handler.get();
        }));
    }
}
