package io.wharf.project.project.command;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import io.wharf.common.events.project.ContainerConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code config} of an image PATCH as the client wrote it: the fields it set, and the fields it
 * cleared with an explicit JSON {@code null} (absent = keep, null = clear; a plain record can not
 * tell the two apart). Top-level fields and the marker sub-lists ({@code labels.service}) can be
 * cleared; inside other objects a null is just that field's value of the replacing object.
 */
@JsonDeserialize(using = ConfigPatch.Reader.class)
record ConfigPatch(ContainerConfig values, List<String> cleared) {

    static final class Reader extends StdDeserializer<ConfigPatch> {

        Reader() {
            super(ConfigPatch.class);
        }

        @Override
        public ConfigPatch deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonNode tree = context.readTree(parser);
            if (!tree.isObject()) {
                return context.reportInputMismatch(ContainerConfig.class, "The config is a JSON object.");
            }
            // read with the request's (strict) settings: wrong types and unknown fields fail at their path
            ContainerConfig values = context.readTreeAsValue(tree, ContainerConfig.class);
            List<String> cleared = new ArrayList<>();
            for (Map.Entry<String, JsonNode> field : tree.properties()) {
                if (field.getValue().isNull()) {
                    cleared.add(field.getKey());
                } else if (field.getValue().isObject()
                        && ("labels".equals(field.getKey()) || "annotations".equals(field.getKey()))) {
                    for (Map.Entry<String, JsonNode> sub : field.getValue().properties()) {
                        if (sub.getValue().isNull()) {
                            cleared.add(field.getKey() + "." + sub.getKey());
                        }
                    }
                }
            }
            return new ConfigPatch(values, List.copyOf(cleared));
        }
    }
}
