package io.wharf.common.web;

import io.wharf.common.error.ErrorCode;
import io.wharf.common.error.ErrorResponse;
import io.wharf.common.error.RateLimitedException;
import io.wharf.common.error.WharfException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.messaging.interceptors.JSR303ViolationException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingModificationException;

/**
 * Axon's exceptions, in a class of their own so that services without Axon (it is optional in
 * common) never load these types.
 */
final class AxonErrors {

    private AxonErrors() {
    }

    static ErrorTranslator.TranslatedError map(Throwable t, ErrorTranslator translator, String requestId) {
        if (t instanceof CommandExecutionException e) {
            // A remote or wrapped handler failure: the cause, or the details when only they crossed the wire.
            if (e.getCause() != null && e.getCause() != e) {
                return translator.translate(e.getCause(), requestId);
            }
            Object details = e.getDetails().orElse(null);
            if (details instanceof ErrorResponse r) {
                ErrorCode code = r.code() == null ? ErrorCode.INTERNAL : r.code();
                if (code == ErrorCode.RATE_LIMITED && r.retryAfter() != null) {
                    return translator.fromWharf(new RateLimitedException(r.message(), r.hint(), r.retryAfter()),
                            requestId);
                }
                return translator.fromWharf(new WharfException(code, r.message(), r.field(), r.hint()), requestId);
            }
            if (details instanceof ErrorCode code) {
                return translator.fromWharf(new WharfException(code, e.getMessage()), requestId);
            }
            return null;
        }
        // These may arrive wrapped (e.g. by the unit of work); the cause chain decides.
        if (ErrorTranslator.findCause(t, AggregateNotFoundException.class) != null) {
            return translator.notFound(requestId);
        }
        if (ErrorTranslator.findCause(t, ConcurrencyException.class) != null
                || ErrorTranslator.findCause(t, ConflictingModificationException.class) != null) {
            return translator.of(ErrorCode.CONFLICT, "The resource was modified concurrently; retry.", null,
                    requestId);
        }
        if (t instanceof JSR303ViolationException e) {
            return translator.fromViolations(e.getViolations(), requestId);
        }
        return null;
    }
}
