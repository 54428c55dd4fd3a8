package io.wharf.common.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.wharf.common.error.ErrorCode;
import io.wharf.common.error.ErrorResponse;
import io.wharf.common.error.RateLimitedException;
import io.wharf.common.error.ServiceUnavailableException;
import io.wharf.common.error.ConflictException;
import io.wharf.common.error.WharfException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.util.ClassUtils;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.HttpMediaTypeException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestValueException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingPathVariableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The one place where a failure becomes the SPEC §1.2 envelope in a servlet service. The exception
 * handler, the error controller (container errors, {@code /error}) and the request filter all call
 * it, so every error of every route has the same shape, the request id and the X-Request-Id header.
 * Decisions are made on exception types, never on message text.
 */
public class ErrorTranslator {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorTranslator.class);
    private static final boolean AXON_PRESENT =
            ClassUtils.isPresent("org.axonframework.commandhandling.CommandExecutionException",
                    ErrorTranslator.class.getClassLoader());
    private static final String GENERIC_MESSAGE = "An unexpected error occurred.";

    private final ObjectMapper objectMapper;

    public ErrorTranslator(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    /** A status and its envelope. */
    public record TranslatedError(int status, ErrorResponse body) {
    }

    /** Translates {@code failure}; 5xx are logged here (with the request id in the MDC), once. */
    public TranslatedError translate(Throwable failure, String requestId) {
        TranslatedError error = map(failure, requestId);
        if (error.body().code() == ErrorCode.INTERNAL) {
            LOG.error("Request {} failed: {}", requestId, error.body().message(), failure);
        } else if (error.status() >= 500) {
            LOG.warn("Request {} refused with {}: {}", requestId, error.body().code(), error.body().message());
        } else if (LOG.isDebugEnabled()) {
            LOG.debug("Request {} refused with {}: {}", requestId, error.body().code(), failure.toString());
        }
        return error;
    }

    /** The envelope of an error that only has a status (container errors, {@code sendError}). */
    public TranslatedError forStatus(int status, String requestId) {
        return switch (status) {
            case 400, 406, 415, 422 -> of(400, ErrorCode.VALIDATION_ERROR, "The request is invalid.", null, requestId);
            case 401 -> of(ErrorCode.UNAUTHORIZED, "Authentication required.", null, requestId);
            case 403 -> of(ErrorCode.FORBIDDEN_ROLE, "Not allowed.", null, requestId);
            case 404, 405 -> notFound(requestId);
            case 409 -> of(ErrorCode.CONFLICT, "Conflict.", null, requestId);
            case 412 -> of(ErrorCode.PRECONDITION_FAILED, "Precondition failed.", null, requestId);
            case 413 -> of(413, ErrorCode.VALIDATION_ERROR, "Request body too large.", null, requestId);
            case 429 -> withRetry(of(ErrorCode.RATE_LIMITED, "Too many requests.", null, requestId), 1);
            case 503 -> withRetry(of(ErrorCode.SERVICE_UNAVAILABLE, "Service unavailable.", null, requestId), 1);
            default -> status >= 400 && status < 500
                    ? of(400, ErrorCode.VALIDATION_ERROR, "The request is invalid.", null, requestId)
                    : of(ErrorCode.INTERNAL, GENERIC_MESSAGE, null, requestId);
        };
    }

    /** Translates and writes the envelope, unless the response is already on its way. */
    public void write(HttpServletRequest request, HttpServletResponse response, Throwable failure) throws IOException {
        String requestId = requestId(request);
        write(response, translate(failure, requestId), requestId);
    }

    public void writeStatus(HttpServletRequest request, HttpServletResponse response, int status) throws IOException {
        String requestId = requestId(request);
        write(response, forStatus(status, requestId), requestId);
    }

    private void write(HttpServletResponse response, TranslatedError error, String requestId) throws IOException {
        if (response.isCommitted()) {
            LOG.warn("Request {}: response already committed, cannot send {}", requestId, error.body().code());
            return;
        }
        // Drop whatever a failed handler already set (a Location, a cookie): an error carries only its own headers.
        response.reset();
        response.setStatus(error.status());
        if (requestId != null) {
            response.setHeader(RequestIds.HEADER, requestId);
        }
        if (error.body().retryAfter() != null) {
            response.setHeader("Retry-After", Long.toString(error.body().retryAfter()));
        }
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        objectMapper.writeValue(response.getOutputStream(), error.body());
        response.flushBuffer();
    }

    static String requestId(HttpServletRequest request) {
        Object id = request.getAttribute(RequestIds.ATTRIBUTE);
        return id instanceof String s ? s : null;
    }

    // ------------------------------------------------------------------------------------------

    private TranslatedError map(Throwable failure, String requestId) {
        Throwable t = unwrapWrappers(failure);

        // A domain refusal or the body limit may surface wrapped (e.g. inside a Jackson exception).
        PayloadTooLargeException tooLarge = findCause(t, PayloadTooLargeException.class);
        if (tooLarge != null) {
            return new TranslatedError(413, envelope(tooLarge, requestId));
        }
        WharfException refusal = findCause(t, WharfException.class);
        if (refusal != null) {
            return fromWharf(refusal, requestId);
        }
        if (AXON_PRESENT) {
            TranslatedError axon = AxonErrors.map(t, this, requestId);
            if (axon != null) {
                return axon;
            }
        }
        if (t instanceof MethodArgumentNotValidException e) {
            return fromBindingResult(e.getBindingResult(), requestId);
        }
        if (t instanceof HandlerMethodValidationException e) {
            return fromParameterValidation(e.getParameterValidationResults(), requestId);
        }
        if (t instanceof ConstraintViolationException e) {
            return fromViolations(e.getConstraintViolations(), requestId);
        }
        if (t instanceof MethodArgumentTypeMismatchException e) {
            String type = e.getRequiredType() == null ? "value" : e.getRequiredType().getSimpleName();
            return validation("Invalid " + e.getName() + ": not a valid " + type + ".", e.getName(), requestId);
        }
        if (t instanceof MissingServletRequestParameterException e) {
            return validation("Missing parameter " + e.getParameterName() + ".", e.getParameterName(), requestId);
        }
        if (t instanceof MissingRequestHeaderException e) {
            return validation("Missing header " + e.getHeaderName() + ".", e.getHeaderName(), requestId);
        }
        if (t instanceof MissingPathVariableException e && e.isMissingAfterConversion()) {
            return validation("Invalid " + e.getVariableName() + ".", e.getVariableName(), requestId);
        }
        if (t instanceof MissingRequestValueException && !(t instanceof MissingPathVariableException)) {
            return validation("A required value is missing.", null, requestId);
        }
        if (t instanceof HttpMessageNotReadableException e) {
            return fromUnreadable(e, requestId);
        }
        if (t instanceof HttpMediaTypeException) {
            return validation("Unsupported media type: send application/json.", null, requestId);
        }
        if (t instanceof NoHandlerFoundException || t instanceof NoResourceFoundException
                || t instanceof HttpRequestMethodNotSupportedException) {
            return notFound(requestId);
        }
        if (t instanceof org.springframework.web.ErrorResponse e) {
            // Any other Spring MVC exception that knows its status (ResponseStatusException...).
            return forStatus(e.getStatusCode().value(), requestId);
        }
        return of(ErrorCode.INTERNAL, GENERIC_MESSAGE, null, requestId);
    }

    TranslatedError fromWharf(WharfException e, String requestId) {
        ErrorResponse body = envelope(e, requestId);
        if (e.code() == ErrorCode.RATE_LIMITED || e.code() == ErrorCode.SERVICE_UNAVAILABLE) {
            long seconds = e instanceof ServiceUnavailableException s ? s.retryAfterSeconds()
                    : e instanceof RateLimitedException r ? r.retryAfterSeconds() : 1;
            return withRetry(new TranslatedError(e.code().status(), body), seconds);
        }
        if (e instanceof ConflictException c && c.retryAfterSeconds() != null) {
            return withRetry(new TranslatedError(e.code().status(), body), c.retryAfterSeconds());
        }
        return new TranslatedError(e.code().status(), body);
    }

    private static ErrorResponse envelope(WharfException e, String requestId) {
        return new ErrorResponse(e.code(), e.getMessage(), e.field(), e.hint(), requestId, null);
    }

    private TranslatedError fromBindingResult(org.springframework.validation.Errors result, String requestId) {
        FieldError field = result.getFieldErrors().stream()
                .min(Comparator.comparing(FieldError::getField)).orElse(null);
        if (field != null) {
            return validation(field.getField() + ": " + field.getDefaultMessage(), field.getField(), requestId);
        }
        ObjectError global = result.getGlobalErrors().stream().findFirst().orElse(null);
        return validation(global == null ? "The request is invalid." : global.getDefaultMessage(), null, requestId);
    }

    private TranslatedError fromParameterValidation(List<ParameterValidationResult> results, String requestId) {
        for (ParameterValidationResult result : results) {
            if (result instanceof org.springframework.validation.method.ParameterErrors errors) {
                return fromBindingResult(errors, requestId);
            }
            String name = result.getMethodParameter().getParameterName();
            String message = result.getResolvableErrors().isEmpty()
                    ? "is invalid" : result.getResolvableErrors().get(0).getDefaultMessage();
            return validation(name + ": " + message, name, requestId);
        }
        return validation("The request is invalid.", null, requestId);
    }

    TranslatedError fromViolations(Set<? extends ConstraintViolation<?>> violations, String requestId) {
        return violations.stream()
                .map(v -> new String[] {propertyPath(v.getPropertyPath()), v.getMessage()})
                .min(Comparator.comparing(pair -> pair[0]))
                .map(pair -> validation(pair[0] + ": " + pair[1], pair[0], requestId))
                .orElseGet(() -> validation("The request is invalid.", null, requestId));
    }

    /**
     * What the caller knows: {@code register.request.email} (method validation) is {@code email},
     * {@code sized.tag} is {@code tag}, {@code items[1].label} stays as it is.
     */
    static String propertyPath(jakarta.validation.Path path) {
        List<jakarta.validation.Path.Node> nodes = new java.util.ArrayList<>();
        path.forEach(nodes::add);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < nodes.size(); i++) {
            jakarta.validation.Path.Node node = nodes.get(i);
            switch (node.getKind()) {
                case METHOD, CONSTRUCTOR, RETURN_VALUE, CROSS_PARAMETER -> {
                    continue;
                }
                case PARAMETER -> {
                    if (i + 1 < nodes.size()) {
                        continue; // a bean parameter: its properties are what the caller sent
                    }
                }
                default -> {
                }
            }
            if (node.getIndex() != null) {
                out.append('[').append(node.getIndex()).append(']');
            } else if (node.getKey() != null) {
                out.append('[').append(node.getKey()).append(']');
            }
            if (node.getName() != null && !node.getName().isEmpty()) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(node.getName());
            }
        }
        return out.toString();
    }

    private TranslatedError fromUnreadable(HttpMessageNotReadableException e, String requestId) {
        Throwable cause = e.getCause();
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StreamReadException read && read.getOriginalMessage() != null
                    && read.getOriginalMessage().startsWith("Duplicate field '")) {
                String field = duplicatePath(read);
                return validation("Duplicate key " + field + ".", field, requestId);
            }
        }
        if (cause instanceof UnrecognizedPropertyException u) {
            String field = jsonPath(u);
            return validation("Unknown property " + field + ".", field, requestId);
        }
        if (cause instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            String field = jsonPath(m);
            return validation("Invalid value for " + field + ".", field, requestId);
        }
        if (cause instanceof StreamReadException || cause instanceof JsonProcessingException) {
            return validation("Malformed JSON.", null, requestId);
        }
        return validation("Request body is missing or unreadable.", null, requestId);
    }

    /**
     * {@code items[2].name} of a key given twice (strict duplicate detection): the name from the
     * parser's message, its place from the parser's context, which still points at the object that
     * holds the key twice.
     */
    static String duplicatePath(StreamReadException e) {
        String message = e.getOriginalMessage();
        String name = message.substring("Duplicate field '".length(), message.lastIndexOf('\''));
        List<String> parts = new java.util.ArrayList<>();
        com.fasterxml.jackson.core.JsonParser parser = e.getProcessor();
        if (parser != null && parser.getParsingContext() != null) {
            for (com.fasterxml.jackson.core.JsonStreamContext c = parser.getParsingContext().getParent();
                    c != null && !c.inRoot(); c = c.getParent()) {
                parts.add(0, c.inArray() ? "[" + c.getCurrentIndex() + "]" : c.getCurrentName());
            }
        }
        StringBuilder path = new StringBuilder();
        for (String part : parts) {
            if (part == null) {
                continue;
            }
            if (!path.isEmpty() && !part.startsWith("[")) {
                path.append('.');
            }
            path.append(part);
        }
        return path.isEmpty() ? name : path + "." + name;
    }

    /** {@code items[2].name} from Jackson's reference chain. */
    static String jsonPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    TranslatedError validation(String message, String field, String requestId) {
        return of(400, ErrorCode.VALIDATION_ERROR, message, field, requestId);
    }

    TranslatedError notFound(String requestId) {
        return of(ErrorCode.NOT_FOUND, "Not found.", null, requestId);
    }

    TranslatedError of(ErrorCode code, String message, String field, String requestId) {
        return of(code.status(), code, message, field, requestId);
    }

    private static TranslatedError of(int status, ErrorCode code, String message, String field, String requestId) {
        return new TranslatedError(status, new ErrorResponse(code, message, field, null, requestId, null));
    }

    private static TranslatedError withRetry(TranslatedError error, long seconds) {
        ErrorResponse b = error.body();
        return new TranslatedError(error.status(),
                new ErrorResponse(b.code(), b.message(), b.field(), b.hint(), b.requestId(), seconds));
    }

    private static Throwable unwrapWrappers(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof ExecutionException || t instanceof CompletionException
                || t instanceof jakarta.servlet.ServletException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    static <T extends Throwable> T findCause(Throwable failure, Class<T> type) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < 16; depth++, t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
