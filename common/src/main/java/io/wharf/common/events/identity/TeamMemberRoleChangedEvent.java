package io.wharf.common.events.identity;

import org.axonframework.serialization.Revision;

/**
 * A member's role changed between {@code admin} and {@code user}. Ownership moves with
 * {@link TeamOwnershipTransferredEvent}, never with this event.
 */
@Revision("1")
public record TeamMemberRoleChangedEvent(
        String teamId,
        String userId,
        TeamRole previousRole,
        TeamRole role) {
}
