package io.wharf.common.test.publisher;

import io.wharf.common.events.Internal;
import org.axonframework.serialization.Revision;

/** Stands for identity's internal events (a password hash): stored, never published. */
@Internal
@Revision("1")
public record SecretKeptEvent(String userId) {
}
