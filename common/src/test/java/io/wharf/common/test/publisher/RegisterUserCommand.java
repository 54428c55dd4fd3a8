package io.wharf.common.test.publisher;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Test stand-in for identity's registration command. */
public record RegisterUserCommand(
        @TargetAggregateIdentifier String userId,
        String email,
        String firstName,
        String lastName,
        Instant registeredAt) {
}
