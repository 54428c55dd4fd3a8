package io.wharf.common.kafka;

/** A record that is not a readable Wharf CloudEvent: retrying cannot help, it is dead-lettered at once. */
public class MalformedCloudEventException extends RuntimeException {

    public MalformedCloudEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
