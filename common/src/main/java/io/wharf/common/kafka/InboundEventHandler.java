package io.wharf.common.kafka;

/**
 * Applies one event of another service locally (a replica row, a view, a command). Must be
 * idempotent on its own too (upsert by id): the processed-event log makes redelivery rare, not
 * impossible (a crash between the handler and the log entry).
 */
@FunctionalInterface
public interface InboundEventHandler<T> {

    void handle(T event, CloudEvent envelope) throws Exception;
}
