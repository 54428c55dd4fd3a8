package io.wharf.project.registry.command;

import io.wharf.project.shared.DeletionCheck;

/**
 * Whether an image uses a registry, asked by the aggregate before a delete (SPEC §3: in use → 412).
 * A write-side answer ({@code CatalogueUsage} of the image feature), never a read model. Asked only by
 * the deletion, because the answer also reserves: when not in use, the registry stays marked for this
 * deletion, so image commands refuse it until the deletion's unit of work rolls back
 * ({@code UsageClaims}); an image command that holds it at that moment counts as a use.
 */
public interface RegistryUsage {

    DeletionCheck check(String registryId);
}
