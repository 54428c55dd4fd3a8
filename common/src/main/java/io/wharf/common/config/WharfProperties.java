package io.wharf.common.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the shared wiring of {@code common} reads from a service's configuration (prefix
 * {@code wharf}). Other {@code wharf.*} keys (e.g. {@code wharf.security.*}) belong to other records.
 */
@ConfigurationProperties("wharf")
public record WharfProperties(
        @DefaultValue Service service,
        @DefaultValue Axon axon,
        @DefaultValue Kafka kafka) {

    /**
     * @param context the bounded context name ({@code identity}, {@code project}, ...): the topic the
     *                service publishes to is {@code wharf.<context>.events}. When absent it is derived
     *                from {@code spring.application.name} without its {@code -service} suffix.
     */
    public record Service(String context) {
    }

    /**
     * @param trackingLookBack how far back a tracking processor re-reads the Mongo event store for
     *                         events committed late (timestamp-based tokens, DESIGN §2)
     * @param eventCache       events the event store keeps for the tracking processors that tail it
     *                         (Axon's default is 10,000). Each cached event holds its own Mongo
     *                         token, a copy of every event id of the look-back window, so the memory
     *                         is this times the events per window (docs/kafka.md, "Memory")
     */
    public record Axon(
            @DefaultValue("60s") Duration trackingLookBack,
            @DefaultValue("256") int eventCache) {
    }

    public record Kafka(@DefaultValue Publisher publisher, @DefaultValue Consumer consumer) {
    }

    /**
     * @param enabled     whether the service runs its {@code kafka-publisher} processor
     * @param sendTimeout how long one send waits for the broker's acknowledgement before the
     *                    processor gives up on the batch and retries it later
     */
    public record Publisher(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("10s") Duration sendTimeout) {
    }

    /**
     * @param maxAttempts    deliveries of one record (first try included) before it is dead-lettered
     * @param initialBackoff wait before the first retry, multiplied by {@code multiplier} each time
     * @param maxBackoff     upper bound of one wait
     */
    public record Consumer(
            @DefaultValue("5") int maxAttempts,
            @DefaultValue("500ms") Duration initialBackoff,
            @DefaultValue("2.0") double multiplier,
            @DefaultValue("30s") Duration maxBackoff) {
    }

    /** The context name, falling back to {@code spring.application.name} minus {@code -service}. */
    public String contextOr(String applicationName) {
        if (service.context() != null && !service.context().isBlank()) {
            return service.context();
        }
        if (applicationName == null || applicationName.isBlank()) {
            throw new IllegalStateException("Set wharf.service.context (e.g. identity) or spring.application.name");
        }
        return applicationName.endsWith("-service")
                ? applicationName.substring(0, applicationName.length() - "-service".length())
                : applicationName;
    }
}
