package io.wharf.project.registry.client;

/**
 * A registry or registry API did not answer as hoped: unreachable ({@code status} 0), credentials
 * refused (401/403), not found (404), or anything else. Never carries a credential.
 */
public class RegistryCallException extends RuntimeException {

    private final int status;
    private final boolean timedOut;

    public RegistryCallException(String message, int status) {
        this(message, status, false);
    }

    RegistryCallException(String message, int status, boolean timedOut) {
        super(message);
        this.status = status;
        this.timedOut = timedOut;
    }

    /** Unreachable because it did not answer in time (connected or not), rather than not there at all. */
    public boolean timedOut() {
        return timedOut;
    }

    public int status() {
        return status;
    }

    public boolean unreachable() {
        return status == 0;
    }

    public boolean refused() {
        return status == 401 || status == 403;
    }
}
