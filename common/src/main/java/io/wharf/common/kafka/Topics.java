package io.wharf.common.kafka;

/** Kafka topic names of DESIGN §4: one per bounded context, plus the public stream. */
public final class Topics {

    public static final String IDENTITY = "wharf.identity.events";
    public static final String PROJECT = "wharf.project.events";
    public static final String DEPLOYMENT = "wharf.deployment.events";
    public static final String NODE = "wharf.node.events";
    public static final String NOTIFICATION = "wharf.notification.events";
    public static final String PUBLIC = "wharf.public.events";

    private Topics() {
    }

    /** {@code wharf.<context>.events} for a context name such as {@code identity}. */
    public static String forContext(String context) {
        return "wharf." + context + ".events";
    }

    /** Where a consumer group parks records it could not handle after its retries. */
    public static String deadLetter(String topic, String consumerGroup) {
        return topic + "." + consumerGroup + ".dlt";
    }
}
