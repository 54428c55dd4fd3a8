package io.wharf.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.annotations.Hidden;
import io.wharf.gateway.config.GatewayProperties;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.function.Tuples;

/**
 * {@code GET /v3/api-docs}: the merged document Swagger UI ({@code /swagger-ui.html}) shows. Fetched
 * fresh on each call (it is a developer tool, not a hot path), services in parallel, down ones skipped.
 */
@Hidden
@RestController
class MergedOpenApiController {

    private final GatewayProperties properties;
    private final WebClient web;
    private final OpenApiMerger merger;

    MergedOpenApiController(GatewayProperties properties, WebClient.Builder web, ObjectMapper json) {
        this.properties = properties;
        this.web = web.build();
        this.merger = new OpenApiMerger(json);
    }

    @GetMapping(path = "/v3/api-docs", produces = "application/json")
    Mono<ObjectNode> apiDocs() {
        Map<String, URI> services = properties.services().byName();
        return Flux.fromIterable(services.entrySet())
                .flatMapSequential(e -> fetch(e.getValue()).map(doc -> Tuples.of(e.getKey(), doc)))
                .collectList()
                .map(fetched -> {
                    Map<String, JsonNode> documents = new LinkedHashMap<>();
                    List<String> missing = new ArrayList<>();
                    fetched.forEach(t -> t.getT2().ifPresentOrElse(doc -> documents.put(t.getT1(), doc),
                            () -> missing.add(t.getT1())));
                    return merger.merge(documents, missing, properties.version());
                });
    }

    private Mono<Optional<JsonNode>> fetch(URI base) {
        return web.get().uri(base.resolve("/v3/api-docs"))
                .retrieve()
                .bodyToMono(JsonNode.class)
                .filter(JsonNode::isObject)
                .map(Optional::of)
                .timeout(properties.health().timeout())
                .onErrorReturn(Optional.empty())
                .defaultIfEmpty(Optional.empty());
    }
}
