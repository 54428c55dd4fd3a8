package io.wharf.common.events.identity;

import org.axonframework.serialization.Revision;

/**
 * The owner made another member the owner: {@code newOwnerId} is now {@code owner} and
 * {@code previousOwnerId} is now {@code admin} (SPEC §1.4: a team has exactly one owner).
 */
@Revision("1")
public record TeamOwnershipTransferredEvent(
        String teamId,
        String previousOwnerId,
        String newOwnerId) {
}
