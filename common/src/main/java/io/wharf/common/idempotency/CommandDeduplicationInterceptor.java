package io.wharf.common.idempotency;

import io.wharf.common.error.ConflictException;
import io.wharf.common.metadata.WharfMetadata;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SPEC §1.6's crash rule on the command side: "a crash between executing and storing the response
 * must not execute the command twice (the key travels with the command)". The gateway stores the
 * response after the service answered; if it crashes (or its store fails) in between, the client's
 * retry reaches the service again, with the same key from the same credential on the same path.
 * Every command carries that scope ({@link WharfMetadata#IDEMPOTENCY_SCOPE}); a scope handled
 * before is answered with the first execution's result, without running the handler again, so the
 * controller answers as the first time (same id, same resource).
 *
 * <p>Ordering: the record is written in the unit of work's prepare-commit phase, registered before
 * the handler runs and so <i>before</i> the aggregate's events are appended (those register their
 * own prepare-commit step while the handler applies them). A failed append rolls the unit of work
 * back and the record is removed; a concurrent second execution finds the record already written,
 * fails, and its events are never appended. What remains is a crash exactly between the two writes:
 * then the command counts as handled without its events (the client sees its result, not a second
 * execution). The opposite order would leave a window for executing twice, which SPEC forbids.
 * Refused commands (exceptions) record nothing: the client may retry them.
 */
final class CommandDeduplicationInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    private static final Logger log = LoggerFactory.getLogger(CommandDeduplicationInterceptor.class);
    /** Type recorded for a result the serializer could not write. */
    static final String UNREPEATABLE = "!unrepeatable";

    private final HandledCommands handled;
    private final Serializer serializer;

    CommandDeduplicationInterceptor(HandledCommands handled, Serializer serializer) {
        this.handled = handled;
        this.serializer = serializer;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        CommandMessage<?> command = unitOfWork.getMessage();
        Object scopeValue = command.getMetaData().get(WharfMetadata.IDEMPOTENCY_SCOPE);
        if (!(scopeValue instanceof String scope)) {
            return chain.proceed();
        }
        HandledCommands.Result before = handled.find(scope);
        if (before != null && UNREPEATABLE.equals(before.type())) {
            throw new ConflictException("This request was handled already; its result cannot be repeated.");
        }
        if (before != null) {
            log.info("{} was handled before under the same Idempotency-Key: answering with its result, not again",
                    command.getCommandName());
            return deserialize(before);
        }
        AtomicReference<Object> result = new AtomicReference<>();
        AtomicBoolean recorded = new AtomicBoolean();
        unitOfWork.onPrepareCommit(u -> {
            if (!handled.record(scope, command.getCommandName(), serialize(result.get()))) {
                throw new ConflictException("The same request is being handled right now.");
            }
            recorded.set(true);
        });
        unitOfWork.onRollback(u -> {
            if (recorded.get()) {
                handled.forget(scope);
            }
        });
        Object value = chain.proceed();
        result.set(value);
        return value;
    }

    /**
     * A result the serializer cannot write must not fail a command that succeeded: it is recorded as
     * unrepeatable, and a second execution is refused (409) instead of run again.
     */
    private HandledCommands.Result serialize(Object value) {
        if (value == null) {
            return new HandledCommands.Result(null, null, null);
        }
        try {
            SerializedObject<byte[]> serialized = serializer.serialize(value, byte[].class);
            return new HandledCommands.Result(serialized.getData(), serialized.getType().getName(),
                    serialized.getType().getRevision());
        } catch (RuntimeException e) {
            log.warn("The result of a command ({}) cannot be serialized: a retry will get 409 instead of it",
                    value.getClass().getName());
            return new HandledCommands.Result(null, UNREPEATABLE, null);
        }
    }

    private Object deserialize(HandledCommands.Result result) {
        if (result.type() == null) {
            return null;
        }
        return serializer.deserialize(new SimpleSerializedObject<>(result.data(), byte[].class, result.type(),
                result.revision()));
    }
}
