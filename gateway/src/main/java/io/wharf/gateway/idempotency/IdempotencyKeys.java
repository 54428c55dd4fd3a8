package io.wharf.gateway.idempotency;

import io.wharf.gateway.error.GatewayException;
import java.util.List;

/** SPEC §1.6: one key of 1–200 printable ASCII characters (space to tilde), else 400. */
final class IdempotencyKeys {

    static final String HEADER = "Idempotency-Key";
    static final int MAX_LENGTH = 200;

    private IdempotencyKeys() {
    }

    static String validate(List<String> values) {
        if (values.size() != 1) {
            throw GatewayException.invalidIdempotencyKey("Send exactly one Idempotency-Key header.");
        }
        String key = values.get(0);
        if (key.isEmpty() || key.length() > MAX_LENGTH) {
            throw GatewayException.invalidIdempotencyKey("Idempotency-Key must be 1 to 200 characters long.");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw GatewayException.invalidIdempotencyKey(
                        "Idempotency-Key may contain printable ASCII characters only.");
            }
        }
        return key;
    }
}
