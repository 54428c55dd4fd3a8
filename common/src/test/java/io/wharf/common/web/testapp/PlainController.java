package io.wharf.common.web.testapp;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.util.Map;
import java.util.Set;
import org.axonframework.messaging.interceptors.JSR303ViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Without {@code @Validated}: Spring MVC's own method validation (HandlerMethodValidationException). */
@RestController
class PlainController {

    record Command(@NotBlank String name) {
    }

    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

    @GetMapping("/plain/page")
    Map<String, Object> page(@RequestParam @Min(1) int page) {
        return Map.of("page", page);
    }

    @GetMapping("/plain/header")
    Map<String, Object> header(@RequestHeader("X-Thing") String thing) {
        return Map.of("thing", thing);
    }

    @GetMapping("/plain/axon-validation")
    void axonValidation() {
        Set<ConstraintViolation<Object>> violations = VALIDATOR.validate((Object) new Command(""));
        throw new JSR303ViolationException(violations);
    }

    @GetMapping("/plain/status")
    void status() {
        throw new ResponseStatusException(HttpStatus.GONE, "secret reason");
    }
}
