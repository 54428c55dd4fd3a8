package io.wharf.gateway.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.wharf.common.error.ErrorCode;
import io.wharf.common.error.ErrorResponse;
import io.wharf.gateway.config.GatewayProperties;
import io.wharf.gateway.request.RequestIds;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.web.reactive.error.ErrorWebExceptionHandler;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.cloud.gateway.support.ServiceUnavailableException;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The one place where the gateway's own failures become the SPEC §1.2 envelope. Runs before Spring
 * Boot's default handler, which is never reached: no Whitelabel JSON, never a stack trace.
 */
@Component
@Order(-2)
class GatewayErrorHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(GatewayErrorHandler.class);

    private final ObjectMapper json;
    private final long retryAfterSeconds;

    GatewayErrorHandler(ObjectMapper json, GatewayProperties properties) {
        this.json = json;
        this.retryAfterSeconds = Math.max(1, properties.retryAfter().toSeconds());
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            // A service's answer is already on its way (e.g. a stream broke); nothing sane to add.
            return Mono.error(error);
        }
        String requestId = RequestIds.of(exchange);
        Outcome outcome = classify(exchange, error);
        log(exchange, requestId, outcome, error);
        Long retryAfter = error instanceof GatewayException own && own.retryAfterSeconds() != null
                ? own.retryAfterSeconds()
                : outcome.code() == ErrorCode.SERVICE_UNAVAILABLE ? Long.valueOf(retryAfterSeconds) : null;
        String field = error instanceof GatewayException own ? own.field() : null;
        ErrorResponse body = new ErrorResponse(outcome.code(), outcome.message(), field, outcome.hint(), requestId, retryAfter);

        response.setStatusCode(outcome.status());
        HttpHeaders headers = response.getHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.set(RequestIds.HEADER, requestId);
        if (retryAfter != null) {
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
        }
        if (outcome.code() == ErrorCode.UNAUTHORIZED) {
            headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"wharf\"");
        }
        return response.writeWith(Mono.fromSupplier(() -> buffer(response, body)));
    }

    /**
     * Error handlers run outside the web filters, so the Reactor context that carries the request id
     * into the MDC does not reach here: the id is put into the MDC for these lines and removed after.
     * A dependency that is down is worth a warning (once per request, without a stack trace); the
     * caller's own mistakes are debug; anything unexpected is an error with its stack trace.
     */
    private static void log(ServerWebExchange exchange, String requestId, Outcome outcome, Throwable error) {
        try (MDC.MDCCloseable ignored = MDC.putCloseable(RequestIds.MDC_KEY, requestId)) {
            if (outcome.code() == ErrorCode.INTERNAL) {
                log.error("Unexpected gateway failure: {} {}", exchange.getRequest().getMethod(),
                        exchange.getRequest().getPath(), error);
            } else if (outcome.code() == ErrorCode.SERVICE_UNAVAILABLE) {
                log.warn("Gateway answered 503: {} {} ({})", exchange.getRequest().getMethod(),
                        exchange.getRequest().getPath(), error.toString());
            } else {
                log.debug("Gateway refused: {} {} {} ({})", outcome.code(), exchange.getRequest().getMethod(),
                        exchange.getRequest().getPath(), error.toString());
            }
        }
    }

    private Outcome classify(ServerWebExchange exchange, Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof GatewayException e) {
                return new Outcome(e.status(), e.code(), e.getMessage(), e.hint());
            }
            if (t instanceof DataBufferLimitException) {
                return new Outcome(HttpStatus.PAYLOAD_TOO_LARGE, ErrorCode.VALIDATION_ERROR,
                        "Request body is too large.", "Send a smaller body.");
            }
            if (t instanceof CallNotPermittedException || t instanceof ServiceUnavailableException
                    || t instanceof TimeoutException
                    || (t instanceof IOException && !(t instanceof com.fasterxml.jackson.core.JacksonException))) {
                // Connection refused/reset, premature close, response timeout, open breaker.
                return unavailable(exchange);
            }
            if (t instanceof ResponseStatusException e) {
                return fromStatus(exchange, e.getStatusCode());
            }
        }
        return new Outcome(HttpStatus.INTERNAL_SERVER_ERROR, ErrorCode.INTERNAL, "Something went wrong.", null);
    }

    private Outcome fromStatus(ServerWebExchange exchange, HttpStatusCode status) {
        int value = status.value();
        if (value == 404) {
            return new Outcome(HttpStatus.NOT_FOUND, ErrorCode.NOT_FOUND, "No such route.",
                    "Check the path; the API lives under /api.");
        }
        if (value == 401) {
            return new Outcome(HttpStatus.UNAUTHORIZED, ErrorCode.UNAUTHORIZED, "Authentication required.", null);
        }
        if (value == 413) {
            return new Outcome(HttpStatus.PAYLOAD_TOO_LARGE, ErrorCode.VALIDATION_ERROR, "Request body is too large.",
                    "Send a smaller body.");
        }
        if (value == 502 || value == 503 || value == 504) {
            // 504 (response timeout) included: SPEC §1.2 has no gateway-timeout code, so it is a 503.
            return unavailable(exchange);
        }
        if (status.is4xxClientError()) {
            return new Outcome(status, ErrorCode.VALIDATION_ERROR, "The request was refused (HTTP " + value + ").", null);
        }
        return new Outcome(HttpStatus.INTERNAL_SERVER_ERROR, ErrorCode.INTERNAL, "Something went wrong.", null);
    }

    private Outcome unavailable(ServerWebExchange exchange) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        // Route ids start with the service's short name (identity, identity-team, project-templates, ...).
        String what = route == null ? "A service" : route.getId().split("-")[0] + "-service";
        return new Outcome(HttpStatus.SERVICE_UNAVAILABLE, ErrorCode.SERVICE_UNAVAILABLE,
                what + " is unavailable right now.", "Retry after the number of seconds in Retry-After.");
    }

    private DataBuffer buffer(ServerHttpResponse response, ErrorResponse body) {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            bytes = ("{\"code\":\"INTERNAL\",\"message\":\"Something went wrong.\"}").getBytes(StandardCharsets.UTF_8);
        }
        return response.bufferFactory().wrap(bytes);
    }

    private record Outcome(HttpStatusCode status, ErrorCode code, String message, String hint) {
    }
}
