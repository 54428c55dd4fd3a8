package io.wharf.agent.connection;

/**
 * What the agent does on {@code update}. The container agent is replaced by its install script or
 * orchestrator with the new image; this agent acknowledges and reports, and a jar agent cannot
 * replace itself (it says so, and node-service keeps the node {@code updating} until the deadline).
 */
public interface SelfUpdater {

    /** @throws IllegalStateException when this agent cannot update itself */
    void update(String tag, int timeoutSeconds);

    SelfUpdater UNSUPPORTED = (tag, timeout) -> {
        throw new IllegalStateException("This agent runs from a jar and cannot update itself; run the install script again.");
    };
}
