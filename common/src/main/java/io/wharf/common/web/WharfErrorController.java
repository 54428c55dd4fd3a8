package io.wharf.common.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Replaces Boot's BasicErrorController: errors raised by the servlet container ({@code sendError},
 * exceptions outside Spring MVC) are dispatched to {@code /error} and come out in the envelope.
 * A client calling {@code /error} itself gets a plain 404.
 */
@Controller
@RequestMapping("${server.error.path:${error.path:/error}}")
class WharfErrorController implements ErrorController {

    private final ErrorTranslator translator;

    WharfErrorController(ErrorTranslator translator) {
        this.translator = translator;
    }

    @RequestMapping
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (failure instanceof Throwable t) {
            translator.write(request, response, t);
        } else if (status instanceof Integer code) {
            translator.writeStatus(request, response, code);
        } else {
            translator.writeStatus(request, response, 404);
        }
    }
}
