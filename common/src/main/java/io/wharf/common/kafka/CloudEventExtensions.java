package io.wharf.common.kafka;

import io.wharf.common.metadata.WharfMetadata;
import java.util.Map;

/** The CloudEvents extension names (lower case, as the spec requires) of docs/conventions.md. */
public final class CloudEventExtensions {

    public static final String REVISION = "revision";
    public static final String AGGREGATE_TYPE = "aggregatetype";
    public static final String SEQUENCE = "sequence";
    public static final String REQUEST_ID = "requestid";
    public static final String ACTOR_TYPE = "actortype";
    public static final String ACTOR_ID = "actorid";
    public static final String ACTOR_EMAIL = "actoremail";
    public static final String ACTOR_TOKEN_NAME = "actortokenname";
    public static final String TEAM_ID = "teamid";
    public static final String CONTEXT = "context";
    public static final String METHOD = "method";
    public static final String ROUTE = "route";
    public static final String CORRELATION_ID = "correlationid";

    /** Axon MetaData key → extension name. */
    static final Map<String, String> FROM_METADATA = Map.ofEntries(
            Map.entry(WharfMetadata.REQUEST_ID, REQUEST_ID),
            Map.entry(WharfMetadata.ACTOR_TYPE, ACTOR_TYPE),
            Map.entry(WharfMetadata.ACTOR_ID, ACTOR_ID),
            Map.entry(WharfMetadata.ACTOR_EMAIL, ACTOR_EMAIL),
            Map.entry(WharfMetadata.ACTOR_TOKEN_NAME, ACTOR_TOKEN_NAME),
            Map.entry(WharfMetadata.TEAM_ID, TEAM_ID),
            Map.entry(WharfMetadata.CONTEXT, CONTEXT),
            Map.entry(WharfMetadata.METHOD, METHOD),
            Map.entry(WharfMetadata.ROUTE, ROUTE),
            Map.entry("correlationId", CORRELATION_ID));

    private CloudEventExtensions() {
    }
}
