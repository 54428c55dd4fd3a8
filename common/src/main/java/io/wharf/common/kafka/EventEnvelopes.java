package io.wharf.common.kafka;

import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.serialization.Revision;

/** Turns an Axon event of this service into the CloudEvent it is published as. */
final class EventEnvelopes {

    private final CloudEventCodec codec;
    private final String source;

    EventEnvelopes(CloudEventCodec codec, String context) {
        this.codec = codec;
        this.source = "/wharf/" + context;
    }

    CloudEvent toCloudEvent(EventMessage<?> event) {
        Class<?> payloadType = event.getPayloadType();
        Map<String, String> extensions = new LinkedHashMap<>();
        Revision revision = payloadType.getAnnotation(Revision.class);
        if (revision != null) {
            extensions.put(CloudEventExtensions.REVISION, revision.value());
        }
        String subject = null;
        if (event instanceof DomainEventMessage<?> domain) {
            subject = domain.getAggregateIdentifier();
            extensions.put(CloudEventExtensions.AGGREGATE_TYPE, domain.getType());
            extensions.put(CloudEventExtensions.SEQUENCE, Long.toString(domain.getSequenceNumber()));
        }
        CloudEventExtensions.FROM_METADATA.forEach((key, extension) -> {
            Object value = event.getMetaData().get(key);
            if (value != null) {
                extensions.put(extension, value.toString());
            }
        });
        return new CloudEvent(event.getIdentifier(), payloadType.getName(), source, subject,
                event.getTimestamp(), extensions, codec.toData(event.getPayload()));
    }
}
