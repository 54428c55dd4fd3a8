package io.wharf.gateway.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.common.kafka.Topics;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes a revocation to identity's topic as identity does (structured CloudEvents JSON). */
public final class Revocations {

    private Revocations() {
    }

    /** @param expiresAt null for a token that never expires (a PAT with expirationInDays 0) */
    public static void publish(TestInfrastructure infra, String type, String userId, String tokenId, Instant expiresAt) {
        publish(infra.kafka.getBrokersAsString(), type, userId, tokenId, expiresAt);
    }

    /** The same, to the broker(s) at {@code bootstrap}. */
    public static void publish(String bootstrap, String type, String userId, String tokenId, Instant expiresAt) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("userId", userId);
        data.put("tokenId", tokenId);
        if (expiresAt != null) {
            data.put("expiresAt", expiresAt.toString());
        }
        data.put("revokedAt", Instant.now().toString());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            String event = new ObjectMapper().writeValueAsString(Map.of(
                    "specversion", "1.0",
                    "id", UUID.randomUUID().toString(),
                    "source", "/wharf/identity-service",
                    "type", type,
                    "subject", userId,
                    "time", Instant.now().toString(),
                    "datacontenttype", "application/json",
                    "data", data));
            producer.send(new ProducerRecord<>(Topics.IDENTITY, userId, event)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
