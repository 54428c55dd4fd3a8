package io.wharf.common.metadata;

/** Who acted, as SPEC §8 names it in the audit log ({@code actorType}). */
public enum ActorType {
    USER("user"),
    DEPLOYMENT_TOKEN("deployment-token"),
    SYSTEM("system");

    private final String wire;

    ActorType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static ActorType fromWire(String value) {
        for (ActorType type : values()) {
            if (type.wire.equals(value)) {
                return type;
            }
        }
        throw new IllegalArgumentException("Unknown actor type: " + value);
    }
}
