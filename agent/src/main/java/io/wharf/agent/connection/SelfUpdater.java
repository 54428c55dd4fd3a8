package io.wharf.agent.connection;

/**
 * What the agent does on {@code update}. The container agent starts a successor from the new image
 * ({@link ContainerSelfUpdater}); a jar agent cannot replace itself (it says so, and node-service ends
 * {@code updating} at once).
 * <p>
 * Two steps, because pulling the new image can take longer than node-service waits for an answer:
 * {@link #check} runs before the acknowledgement and must be quick; {@link #update} runs in the
 * background after it and may take up to the command's {@code timeout_seconds}.
 */
public interface SelfUpdater {

    /** Quick: whether this agent can update itself at all, before it acknowledges. */
    void check();

    /** Pulls and starts the successor (background, up to {@code timeoutSeconds}). */
    void update(String tag, int timeoutSeconds);

    SelfUpdater UNSUPPORTED = new SelfUpdater() {
        @Override
        public void check() {
            throw new IllegalStateException("This agent runs from a jar and cannot update itself; run the install script again.");
        }

        @Override
        public void update(String tag, int timeoutSeconds) {
            check();
        }
    };
}
