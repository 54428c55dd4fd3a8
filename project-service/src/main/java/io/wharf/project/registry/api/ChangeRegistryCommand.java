package io.wharf.project.registry.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Replace a registry's name, type and details (seed 003's PUT). Credentials are write-only, so a
 * client cannot send back what it never saw: {@code keepToken} keeps the stored token (the request
 * had none), otherwise {@code details.token} replaces it (null removes it).
 */
public record ChangeRegistryCommand(
        @TargetAggregateIdentifier String registryId,
        String teamId,
        String name,
        String description,
        String icon,
        String type,
        RegistryDetails details,
        boolean keepToken,
        Instant changedAt) {
}
