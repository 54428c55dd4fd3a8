package io.wharf.gateway.health;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** {@code GET /api/health}: public, never rate limited, always 200 (the body tells the state). */
@RestController
class HealthController {

    private final HealthAggregator aggregator;

    HealthController(HealthAggregator aggregator) {
        this.aggregator = aggregator;
    }

    @Operation(summary = "Health of Wharf and of each of its parts")
    @GetMapping(path = "/api/health", produces = "application/json")
    Mono<HealthResponse> health() {
        return aggregator.health();
    }
}
