package io.wharf.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Folds the services' OpenAPI 3 documents into one: paths, every components section and tags are
 * united; on a clash the first service (in route-table order) wins, since route owners never overlap.
 * Servers are replaced by the gateway itself, because clients only ever talk to the gateway.
 */
final class OpenApiMerger {

    private final ObjectMapper json;

    OpenApiMerger(ObjectMapper json) {
        this.json = json;
    }

    /** @param documents service name → its document (services that did not answer are left out) */
    ObjectNode merge(Map<String, JsonNode> documents, List<String> missing, String version) {
        ObjectNode merged = json.createObjectNode();
        merged.put("openapi", "3.0.1");
        ObjectNode info = merged.putObject("info");
        info.put("title", "Wharf API");
        info.put("version", version);
        info.put("description", "All of Wharf's HTTP API, served through the gateway."
                + (missing.isEmpty() ? "" : " Not included right now (unavailable): " + String.join(", ", missing) + "."));
        merged.putArray("servers").addObject().put("url", "/");
        ObjectNode paths = merged.putObject("paths");
        ObjectNode components = merged.putObject("components");
        ArrayNode tags = merged.putArray("tags");
        Set<String> tagNames = new HashSet<>();

        documents.values().forEach(doc -> {
            putAbsent(paths, doc.path("paths"));
            for (Map.Entry<String, JsonNode> section : doc.path("components").properties()) {
                JsonNode target = components.get(section.getKey());
                if (target == null) {
                    target = components.putObject(section.getKey());
                }
                if (target instanceof ObjectNode objectTarget) {
                    putAbsent(objectTarget, section.getValue());
                }
            }
            for (JsonNode tag : doc.path("tags")) {
                if (tagNames.add(tag.path("name").asText())) {
                    tags.add(tag);
                }
            }
        });
        return merged;
    }

    private static void putAbsent(ObjectNode target, JsonNode source) {
        for (Map.Entry<String, JsonNode> field : source.properties()) {
            if (!target.has(field.getKey())) {
                target.set(field.getKey(), field.getValue());
            }
        }
    }
}
