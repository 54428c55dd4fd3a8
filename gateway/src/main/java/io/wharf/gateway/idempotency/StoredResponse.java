package io.wharf.gateway.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.HttpHeaders;

/**
 * A service's 2xx answer as it is replayed: status, the service's headers, body. Headers that
 * belong to the one exchange (length, framing, date, request id, this request's rate-limit state)
 * are left out; the replay gets fresh ones.
 */
record StoredResponse(int status, List<List<String>> headers, byte[] body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Set<String> PER_EXCHANGE = Set.of(
            "content-length", "transfer-encoding", "connection", "keep-alive", "date", "x-request-id",
            "ratelimit", "ratelimit-policy", "x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset",
            "retry-after", IdempotencyFilter.REPLAYED.toLowerCase(Locale.ROOT));

    static StoredResponse of(int status, HttpHeaders headers, byte[] body) {
        List<List<String>> kept = headers.headerSet().stream()
                .filter(h -> !PER_EXCHANGE.contains(h.getKey().toLowerCase(Locale.ROOT)))
                .flatMap(h -> h.getValue().stream().map(v -> List.of(h.getKey(), v)))
                .toList();
        return new StoredResponse(status, kept, body);
    }

    void copyTo(HttpHeaders target) {
        for (List<String> header : headers) {
            target.add(header.get(0), header.get(1));
        }
    }

    byte[] toBytes() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static StoredResponse fromBytes(byte[] bytes) {
        try {
            return JSON.readValue(bytes, StoredResponse.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
