package io.wharf.project.shared;

/**
 * A registry that speaks the V2 API is there but gave no answer (none in time, a server error):
 * unlike "it answered without a digest", the caller cannot know whether there is one.
 * Publishing answers 503 rather than freezing the version unpinned.
 */
public class RegistryUnavailableException extends RuntimeException {

    public RegistryUnavailableException(String message) {
        super(message);
    }
}
