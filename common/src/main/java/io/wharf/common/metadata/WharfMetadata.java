package io.wharf.common.metadata;

/**
 * Keys of the facts that travel from the HTTP request into every command and onto every event
 * (Axon {@code MetaData}), and from there into the CloudEvents extensions on Kafka. The audit log
 * is built from these, so renaming one breaks history: add keys, never rename them.
 */
public final class WharfMetadata {

    public static final String REQUEST_ID = "requestId";
    /** {@link ActorType#wire()}: user, deployment-token or system. */
    public static final String ACTOR_TYPE = "actorType";
    /** User id of the acting user (also for personal access tokens). */
    public static final String ACTOR_ID = "actorId";
    public static final String ACTOR_EMAIL = "actorEmail";
    /** Name of the token when the credential was a PAT or a deployment token. */
    public static final String ACTOR_TOKEN_NAME = "actorTokenName";
    /** Which credential kind was used: session, pat, deployment. */
    public static final String CREDENTIAL = "credential";
    public static final String TEAM_ID = "teamId";
    /** {@code http}, {@code rpc} (agent) or {@code system} (policies, deadlines). */
    public static final String CONTEXT = "context";
    /** Lower-case HTTP method. */
    public static final String METHOD = "method";
    /** The route template that matched, e.g. {@code /api/{teamSlug}/projects/{projectId}}. */
    public static final String ROUTE = "route";
    /** The Idempotency-Key the request carried, so a replayed command can be recognised. */
    public static final String IDEMPOTENCY_KEY = "idempotencyKey";
    /**
     * Which command of which idempotent request this is: a hash of the Idempotency-Key's scope
     * (credential, method, path, key) plus the command's name and its ordinal within the request.
     * Only on commands (never copied onto events): the service's command deduplication uses it.
     */
    public static final String IDEMPOTENCY_SCOPE = "idempotencyScope";

    private WharfMetadata() {
    }
}
