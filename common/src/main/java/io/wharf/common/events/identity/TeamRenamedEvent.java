package io.wharf.common.events.identity;

import org.axonframework.serialization.Revision;

/** The team's name and slug are now these (either may be unchanged); the old slug stops resolving. */
@Revision("1")
public record TeamRenamedEvent(
        String teamId,
        String name,
        String slug) {
}
