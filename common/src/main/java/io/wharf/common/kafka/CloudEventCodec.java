package io.wharf.common.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Encodes events as structured CloudEvents 1.0 JSON and decodes them back. Decoding {@code data}
 * into a Java object is limited to classes under {@code io.wharf.common.events}: the wire names the
 * class, and loading whatever a record names would let anyone who can write to a topic pick a class.
 */
public final class CloudEventCodec {

    /** Package of the published language; only its classes are instantiated from the wire. */
    public static final String EVENTS_PACKAGE = "io.wharf.common.events.";

    private static final Set<String> CORE_ATTRIBUTES = Set.of(
            "specversion", "id", "type", "source", "subject", "time", "datacontenttype", "data");

    private final ObjectMapper mapper;

    public CloudEventCodec() {
        this(new ObjectMapper());
    }

    /** Uses a copy of {@code mapper}, so the service's own settings (modules, naming) apply to data. */
    public CloudEventCodec(ObjectMapper mapper) {
        this.mapper = mapper.copy()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public String encode(CloudEvent event) {
        ObjectNode node = mapper.createObjectNode();
        node.put("specversion", CloudEvent.SPEC_VERSION);
        node.put("id", event.id());
        node.put("type", event.type());
        node.put("source", event.source());
        if (event.subject() != null) {
            node.put("subject", event.subject());
        }
        node.put("time", event.time().toString());
        node.put("datacontenttype", CloudEvent.CONTENT_TYPE);
        event.extensions().forEach((name, value) -> {
            if (value != null) {
                node.put(name, value);
            }
        });
        node.set("data", event.data());
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot encode event " + event.id(), e);
        }
    }

    /** The payload as the JSON tree that goes into {@code data}. */
    public JsonNode toData(Object payload) {
        return mapper.valueToTree(payload);
    }

    /** @throws MalformedCloudEventException when the text is not a CloudEvents 1.0 JSON record */
    public CloudEvent decode(String json) {
        JsonNode node;
        try {
            node = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new MalformedCloudEventException("Not JSON", e);
        }
        if (node == null || !node.isObject()) {
            throw new MalformedCloudEventException("Not a JSON object", null);
        }
        if (!CloudEvent.SPEC_VERSION.equals(text(node, "specversion"))) {
            throw new MalformedCloudEventException("Unsupported specversion " + text(node, "specversion"), null);
        }
        String id = required(node, "id");
        String type = required(node, "type");
        String source = required(node, "source");
        String time = text(node, "time");
        Map<String, String> extensions = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!CORE_ATTRIBUTES.contains(field.getKey()) && !field.getValue().isNull()) {
                extensions.put(field.getKey(), field.getValue().asText());
            }
        }
        try {
            return new CloudEvent(id, type, source, text(node, "subject"),
                    time == null ? null : Instant.parse(time), extensions, node.get("data"));
        } catch (RuntimeException e) {
            throw new MalformedCloudEventException("Bad time " + time, e);
        }
    }

    /**
     * The payload class named by {@code type}, if it belongs to the published language and is on
     * this service's class path; empty for anything else (the consumer skips such records).
     */
    public Optional<Class<?>> payloadClass(CloudEvent event) {
        String type = event.type();
        if (type == null || !type.startsWith(EVENTS_PACKAGE)) {
            return Optional.empty();
        }
        try {
            // initialize=false: naming a class on the wire must not run its static initialiser.
            return Optional.of(Class.forName(type, false, CloudEventCodec.class.getClassLoader()));
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
    }

    /** Decodes {@code data} into the class named by {@code type} (see {@link #payloadClass}). */
    public Optional<Object> payload(CloudEvent event) {
        return payloadClass(event).map(type -> dataAs(event, type));
    }

    public <T> T dataAs(CloudEvent event, Class<T> type) {
        try {
            return mapper.treeToValue(event.data(), type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new MalformedCloudEventException("Cannot read data of " + event.id() + " as " + type.getName(), e);
        }
    }

    private static String required(JsonNode node, String name) {
        String value = text(node, name);
        if (value == null || value.isEmpty()) {
            throw new MalformedCloudEventException("Missing " + name, null);
        }
        return value;
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : value.asText();
    }
}
