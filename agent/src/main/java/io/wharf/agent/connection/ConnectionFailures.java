package io.wharf.agent.connection;

import io.grpc.Status;
import javax.net.ssl.SSLException;

/**
 * Turns a failed call into a sentence an operator can act on: TLS mismatches (plaintext against a TLS
 * port, an untrusted or misnamed certificate) otherwise surface as a bare UNAVAILABLE.
 */
final class ConnectionFailures {

    private ConnectionFailures() {
    }

    static String explain(Status status, boolean tls) {
        // Netty appends its channel pipeline on further lines: keep the first one
        String description = status.getDescription() == null ? "" : status.getDescription().lines().findFirst().orElse("");
        String base = status.getCode() + (description.isBlank() ? "" : " " + description);
        SSLException ssl = sslCause(status.getCause());
        if (ssl != null) {
            return base + ": TLS handshake failed (" + rootMessage(ssl) + "); the server's certificate must be "
                    + "trusted (WHARF_TLS_CA or the JVM's trust store) and name the host of WHARF_SERVER";
        }
        if (status.getCode() == Status.Code.RESOURCE_EXHAUSTED) {
            return base + " (too many refused connects from this address; waiting the longest backoff)";
        }
        if (status.getCode() == Status.Code.UNAVAILABLE && !tls) {
            return base + " (if node-service serves the agent port with TLS, set WHARF_TLS=true)";
        }
        if (status.getCode() == Status.Code.UNAVAILABLE && tls) {
            return base + " (if node-service serves the agent port in plaintext, unset WHARF_TLS)";
        }
        return base;
    }

    private static SSLException sslCause(Throwable t) {
        for (Throwable c = t; c != null && c.getCause() != c; c = c.getCause()) {
            if (c instanceof SSLException ssl) {
                return ssl;
            }
        }
        return null;
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
