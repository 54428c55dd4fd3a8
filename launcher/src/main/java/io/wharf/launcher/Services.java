package io.wharf.launcher;

import java.util.List;
import java.util.Locale;

/** The services of Wharf, in the order of docs/conventions.md (each is a Maven module of the same name). */
public final class Services {

    public static final String GATEWAY = "gateway";
    public static final String MONGO = "mongo";
    public static final String KAFKA = "kafka";
    /** The local node agent (started only with Docker and a token; see Stack#maybeStartAgent). */
    public static final String AGENT = "agent";

    public static final String IDENTITY = "identity-service";
    public static final String PROJECT = "project-service";
    public static final String DEPLOYMENT = "deployment-service";
    public static final String NODE = "node-service";
    public static final String NOTIFICATION = "notification-service";

    /** Every service behind the gateway; index + 1 is its port offset from the gateway's port. */
    public static final List<String> ALL = List.of(IDENTITY, PROJECT, DEPLOYMENT, NODE, NOTIFICATION);

    private Services() {
    }

    /** Accepts {@code identity-service} or the short form {@code identity}. */
    public static String canonical(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (ALL.contains(n)) {
            return n;
        }
        if (ALL.contains(n + "-service")) {
            return n + "-service";
        }
        throw new IllegalArgumentException("unknown service '" + name + "' (one of " + String.join(", ", ALL) + ")");
    }

    /** Part name of replica {@code replica} (1-based): the first keeps the service name. */
    public static String partName(String service, int replica) {
        return replica == 1 ? service : service + "-" + replica;
    }
}
