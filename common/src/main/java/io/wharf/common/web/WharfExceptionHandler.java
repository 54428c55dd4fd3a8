package io.wharf.common.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Routes every exception raised in Spring MVC (handler mapping, binding, controllers) to the
 * {@link ErrorTranslator}. It writes the body itself instead of returning it, so content negotiation
 * (a client that accepts only text/html) can never turn an error into a second error.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class WharfExceptionHandler {

    private final ErrorTranslator translator;

    WharfExceptionHandler(ErrorTranslator translator) {
        this.translator = translator;
    }

    @ExceptionHandler(Throwable.class)
    void handle(Throwable failure, HttpServletRequest request, HttpServletResponse response) throws IOException {
        translator.write(request, response, failure);
    }
}
