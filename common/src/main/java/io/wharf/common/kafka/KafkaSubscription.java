package io.wharf.common.kafka;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * "Handle events of these types from topic T in consumer group G". Declare one as a bean and
 * {@code common} runs a listener container for it with the Wharf guarantees (docs/kafka.md):
 * <pre>{@code
 * @Bean
 * KafkaSubscription userDirectorySubscription(UserDirectory directory) {
 *     return KafkaSubscription.to(Topics.IDENTITY, "project-service.user-directory")
 *             .on(UserRegisteredEvent.class, (event, envelope) -> directory.on(event))
 *             .build();
 * }
 * }</pre>
 * Records of other types are skipped.
 */
public final class KafkaSubscription {

    private final String topic;
    private final String group;
    private final Map<String, Handler<?>> handlers;

    private KafkaSubscription(String topic, String group, Map<String, Handler<?>> handlers) {
        this.topic = topic;
        this.group = group;
        this.handlers = Map.copyOf(handlers);
    }

    public static Builder to(String topic, String group) {
        return new Builder(Objects.requireNonNull(topic, "topic"), Objects.requireNonNull(group, "group"));
    }

    public String topic() {
        return topic;
    }

    public String group() {
        return group;
    }

    Optional<Handler<?>> handlerFor(String type) {
        return Optional.ofNullable(handlers.get(type));
    }

    record Handler<T>(Class<T> type, InboundEventHandler<T> handler) {

        void apply(CloudEventCodec codec, CloudEvent event) throws Exception {
            handler.handle(codec.dataAs(event, type), event);
        }
    }

    public static final class Builder {

        private final String topic;
        private final String group;
        private final Map<String, Handler<?>> handlers = new LinkedHashMap<>();

        private Builder(String topic, String group) {
            this.topic = topic;
            this.group = group;
        }

        /** The type on the wire is the class name, so the class itself is the subscription key. */
        public <T> Builder on(Class<T> type, InboundEventHandler<T> handler) {
            if (handlers.putIfAbsent(type.getName(), new Handler<>(type, handler)) != null) {
                throw new IllegalArgumentException("Two handlers for " + type.getName() + " in " + group);
            }
            return this;
        }

        public KafkaSubscription build() {
            if (handlers.isEmpty()) {
                throw new IllegalStateException("Subscription " + group + " handles no event type");
            }
            return new KafkaSubscription(topic, group, handlers);
        }
    }
}
