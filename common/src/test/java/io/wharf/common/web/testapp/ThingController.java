package io.wharf.common.web.testapp;

import io.wharf.common.error.ConflictException;
import io.wharf.common.error.ErrorCode;
import io.wharf.common.error.ErrorResponse;
import io.wharf.common.error.NotFoundException;
import io.wharf.common.error.ServiceUnavailableException;
import io.wharf.common.error.WharfException;
import io.wharf.common.metadata.CurrentRequest;
import io.wharf.common.metadata.RequestContext;
import io.wharf.common.security.WharfPrincipal;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Validated
class ThingController {

    record Item(@NotBlank String label) {
    }

    enum Colour { RED, BLUE }

    record CreateThingRequest(@NotBlank @Size(max = 10) String name, @Max(5) int count, UUID ownerId,
            List<@Valid Item> items, Boolean active, Colour colourCode) {
    }

    @PostMapping("/things")
    ResponseEntity<CreateThingRequest> create(@Valid @RequestBody CreateThingRequest request) {
        return ResponseEntity.created(URI.create("/things/1")).body(request);
    }

    @GetMapping("/things/{thingId}")
    Map<String, Object> get(@PathVariable UUID thingId) {
        throw new NotFoundException("No such thing.", "thingId", null);
    }

    @GetMapping("/search")
    Map<String, Object> search(@RequestParam int limit, @RequestParam(required = false) UUID owner) {
        return Map.of("limit", limit);
    }

    @GetMapping("/sized")
    Map<String, Object> sized(@RequestParam @Size(max = 3) String tag) {
        return Map.of("tag", tag);
    }

    @GetMapping("/context")
    Map<String, Object> context(Optional<WharfPrincipal> principal) {
        RequestContext c = CurrentRequest.get().orElseThrow();
        return Map.of("requestId", c.requestId(), "context", c.context(), "method", c.method(),
                "route", String.valueOf(c.route()), "idempotencyKey", String.valueOf(c.idempotencyKey()),
                "anonymous", principal.isEmpty());
    }

    @PostMapping("/me/{teamSlug}")
    Map<String, Object> me(WharfPrincipal principal, @PathVariable String teamSlug) {
        RequestContext c = CurrentRequest.get().orElseThrow();
        return Map.of("userId", principal.userId(), "email", principal.email(), "route", c.route(),
                "method", c.method(), "principalInContext", c.principal().userId());
    }

    @GetMapping("/boom")
    void boom() {
        throw new IllegalStateException("secret internal detail");
    }

    @GetMapping("/conflict")
    void conflict() {
        throw new ConflictException("Name taken.", "name", "Choose another name.");
    }

    @GetMapping("/busy")
    void busy() {
        throw new ConflictException("Held right now.", "thingId", "Retry in a moment.", 1);
    }

    @GetMapping("/unavailable")
    void unavailable() {
        throw new ServiceUnavailableException("Kafka is down.", 7);
    }

    @GetMapping("/limited")
    void limited() {
        throw new WharfException(ErrorCode.RATE_LIMITED, "Slow down.");
    }

    @GetMapping("/axon/not-found")
    void aggregateNotFound() {
        throw new AggregateNotFoundException("42", "The aggregate was not found");
    }

    @GetMapping("/axon/concurrency")
    void concurrency() {
        throw new ConcurrencyException("An event for aggregate [42] at sequence [3] was already inserted");
    }

    @GetMapping("/axon/wrapped")
    void wrapped() {
        throw new CommandExecutionException("failed", new ConflictException("Prefix taken.", "prefix", null));
    }

    @GetMapping("/axon/details")
    void details() {
        throw new CommandExecutionException("failed remotely", null,
                new ErrorResponse(ErrorCode.PRECONDITION_FAILED, "Version is immutable.", "versionId", null, null,
                        null));
    }

    @GetMapping("/half-done")
    void halfDone(HttpServletResponse response) {
        response.setHeader("Set-Cookie", "wharf_session=leaked; Path=/");
        response.setHeader("Location", "/things/1");
        throw new ConflictException("Too late.", null, null);
    }

    @GetMapping("/container-error")
    void containerError(HttpServletResponse response) throws IOException {
        response.sendError(409);
    }

    @GetMapping("/container-error-500")
    void containerError500(HttpServletResponse response) throws IOException {
        response.sendError(500, "secret container detail");
    }
}
