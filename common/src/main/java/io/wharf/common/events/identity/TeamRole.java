package io.wharf.common.events.identity;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/**
 * A member's role in a team (SPEC §1.4), ordered: {@code owner} > {@code admin} > {@code user}.
 * On the wire (JSON, events, HTTP) the lower-case name.
 */
public enum TeamRole {
    USER("user"),
    ADMIN("admin"),
    OWNER("owner");

    private final String wire;

    TeamRole(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    /** True when this role allows what {@code required} allows. */
    public boolean atLeast(TeamRole required) {
        return compareTo(required) >= 0;
    }

    /** The role spelled {@code value} (exact lower-case wire name), if there is one. */
    public static Optional<TeamRole> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (TeamRole role : values()) {
            if (role.wire.equals(value)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    @JsonCreator
    static TeamRole fromWire(String value) {
        return parse(value).orElseThrow(() -> new IllegalArgumentException(
                "Unknown team role: " + (value == null ? null : value.toLowerCase(Locale.ROOT))));
    }
}
