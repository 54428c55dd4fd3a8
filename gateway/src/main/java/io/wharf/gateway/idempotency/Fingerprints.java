package io.wharf.gateway.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * SPEC §1.6's body fingerprint: SHA-256 of the canonical JSON, so that the same document sent with
 * other whitespace, another key order or {@code 1.0} for {@code 1} is the same request. Canonical =
 * object keys sorted (recursively), no insignificant whitespace, numbers in their shortest exact
 * decimal form. A body that is not JSON (or none) is hashed as it is.
 */
final class Fingerprints {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Fingerprints() {
    }

    static String of(byte[] body) {
        if (body.length == 0) {
            return "empty";
        }
        try {
            JsonNode tree = JSON.readTree(body);
            if (tree != null && !tree.isMissingNode()) {
                return "json:" + sha256(JSON.writeValueAsBytes(canonical(tree)));
            }
        } catch (IOException notJson) {
            // fall through: the raw bytes are the fingerprint
        }
        return "raw:" + sha256(body);
    }

    static JsonNode canonical(JsonNode node) throws JsonProcessingException {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            ObjectNode sorted = JsonNodeFactory.instance.objectNode();
            for (String name : names) {
                sorted.set(name, canonical(node.get(name)));
            }
            return sorted;
        }
        if (node.isArray()) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            for (JsonNode element : node) {
                array.add(canonical(element));
            }
            return array;
        }
        if (node.isNumber()) {
            BigDecimal exact = node.decimalValue();
            return JsonNodeFactory.instance.numberNode(exact.signum() == 0 ? BigDecimal.ZERO : exact.stripTrailingZeros());
        }
        return node;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
