package io.wharf.agent.docker;

/** No container of that name on the engine. */
public final class ContainerNotFoundException extends RuntimeException {
    public ContainerNotFoundException(String name) {
        super("No container named " + name + ".");
    }
}
